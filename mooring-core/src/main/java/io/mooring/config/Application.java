package io.mooring.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;
import io.mooring.resource.ManifestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mooring Application ({@code mooring.io/v1alpha1}): what to render from which repository, where
 * to apply it, and how to keep it synced. The same YAML is a file in the platform repo and a
 * custom resource in the cluster. Shaped like Argo CD's Application, which platform teams know.
 *
 * @param name      the application's name
 * @param namespace where the Application object lives (Mooring's namespace)
 * @param spec      what the user declared
 */
public record Application(String name, String namespace, Spec spec) {
    public static final String API_VERSION = "mooring.io/v1alpha1";
    public static final String KIND = "Application";

    /**
     * @param environment       the Environment it belongs to (dev, staging, prod); may be empty
     * @param source            where its manifests come from
     * @param destination       where they go
     * @param syncPolicy        whether and how Mooring syncs by itself
     * @param ignoreDifferences fields whose live value may differ without making it OutOfSync
     * @param policies          the Kyverno policies every rendered object must pass before it is applied
     */
    public record Spec(String environment, Source source, Destination destination, SyncPolicy syncPolicy,
                       List<IgnoreDifference> ignoreDifferences, Policies policies) {
    }

    /**
     * @param repoURL        a local path, file://, http(s):// or ssh URL of a Git repository
     * @param targetRevision a branch, tag or commit; HEAD of the default branch when empty
     * @param path           the directory in the repository to render
     * @param helm           Helm options, used when the directory is a chart
     */
    public record Source(String repoURL, String targetRevision, String path, Helm helm) {
    }

    /** Helm options: values files (relative to the chart), {@code --set} values, release name. */
    public record Helm(List<String> valueFiles, List<String> parameters, String releaseName) {
        public static final Helm NONE = new Helm(List.of(), List.of(), "");
    }

    /**
     * @param server    the cluster: empty (or Argo CD's in-cluster address) for the cluster Mooring runs against,
     *                  the only one supported yet
     * @param namespace the namespace namespaced objects without one go to
     */
    public record Destination(String server, String namespace) {
        /** What Argo CD users write for the cluster the controller runs in. */
        public static final String IN_CLUSTER = "https://kubernetes.default.svc";
    }

    /**
     * @param automated             sync when Git changes, without a person
     * @param prune                 delete owned objects that left Git
     * @param selfHeal              re-apply when the live state drifts
     * @param retry                 retries of a failed sync
     * @param pruneConfirmThreshold more deletions than this in one sync wait for a person
     */
    public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, Retry retry, int pruneConfirmThreshold) {
        public static final SyncPolicy MANUAL = new SyncPolicy(false, false, false, Retry.DEFAULT, 10);
    }

    /** Exponential backoff: {@code duration}, times {@code factor} per attempt, at most {@code maxDuration}. */
    public record Retry(int limit, Duration duration, double factor, Duration maxDuration) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));

        /** The wait before attempt {@code attempt} (1-based). */
        public Duration backoff(int attempt) {
            double millis = duration.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxDuration.toMillis()));
        }
    }

    /**
     * Where the sync's guard step finds its policies: a directory of a Git repository, the cluster's
     * Kyverno policies, or both.
     *
     * @param repoURL         the repository of {@code path}; empty: the application's own, read at the
     *                        commit being synced, so that a commit changes apps and policies together
     * @param targetRevision  the revision of {@code repoURL} (its default branch when empty); only with repoURL
     * @param path            a directory (or file) of ClusterPolicy/Policy documents; empty for none
     * @param cluster         also the cluster's Kyverno {@code ClusterPolicy} objects, and its {@code Policy}
     *                        objects of the destination namespace
     * @param clusterSelector a label selector ({@code key=value,...}) the cluster's policies must match; empty for all
     */
    public record Policies(String repoURL, String targetRevision, String path, boolean cluster, String clusterSelector) {
        public static final Policies NONE = new Policies("", "", "", false, "");

        /** Whether the application names any policies (otherwise its objects are not checked). */
        public boolean any() {
            return !path.isEmpty() || cluster;
        }
    }

    /** Fields (JSON pointers) of matching objects whose differences are ignored. */
    public record IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers) {
    }

    /**
     * Reads an Application object (from a file in Git or from the cluster).
     *
     * @throws ManifestException naming the field when the object is not a valid Application
     */
    public static Application parse(String source, JsonNode object) {
        Fields f = new Fields(source, object);
        if (!API_VERSION.equals(object.path("apiVersion").asText()) || !KIND.equals(object.path("kind").asText())) {
            throw f.error("", "expected apiVersion " + API_VERSION + " and kind " + KIND);
        }
        String name = f.required("metadata.name");
        JsonNode spec = object.path("spec");
        Source src = new Source(f.required("spec.source.repoURL"), f.optional("spec.source.targetRevision", ""),
                f.optional("spec.source.path", "."), helm(f, spec.path("source").path("helm")));
        String server = f.optional("spec.destination.server", "");
        if (!server.isEmpty() && !server.equals(Destination.IN_CLUSTER)) {
            // Refused rather than ignored: syncing into the controller's own cluster instead would be a silent surprise.
            throw f.error("spec.destination.server", "other clusters than the one Mooring runs in are not supported yet ("
                    + server + "); remove the field, or set it to " + Destination.IN_CLUSTER + ", and run a controller in that cluster");
        }
        Destination destination = new Destination(server, f.optional("spec.destination.namespace", ""));
        return new Application(name, f.optional("metadata.namespace", ""), new Spec(f.optional("spec.environment", ""), src,
                destination, syncPolicy(f, spec.path("syncPolicy")), ignoreDifferences(f, spec.path("ignoreDifferences")),
                policies(f, spec.path("policies"))));
    }

    private static Policies policies(Fields f, JsonNode policies) {
        if (policies.isMissingNode() || policies.isNull()) {
            return Policies.NONE;
        }
        if (!policies.isObject()) {
            throw f.error("spec.policies", "must be an object with path (and repoURL, targetRevision) and/or cluster: true");
        }
        String repoURL = f.optional("spec.policies.repoURL", "");
        String targetRevision = f.optional("spec.policies.targetRevision", "");
        String path = f.optional("spec.policies.path", "");
        JsonNode cluster = policies.path("cluster");
        if (!cluster.isMissingNode() && !cluster.isNull() && !cluster.isBoolean()) {
            throw f.error("spec.policies.cluster", "must be true or false");
        }
        String selector = f.optional("spec.policies.clusterSelector", "");
        if (!repoURL.isEmpty() && path.isEmpty()) {
            throw f.error("spec.policies.path", "is required with spec.policies.repoURL (the directory of the policies in that repository)");
        }
        if (repoURL.isEmpty() && !targetRevision.isEmpty()) {
            throw f.error("spec.policies.targetRevision", "needs spec.policies.repoURL: policies of the application's own repository "
                    + "are read at the commit being synced");
        }
        if (!selector.isEmpty() && !cluster.asBoolean(false)) {
            throw f.error("spec.policies.clusterSelector", "needs spec.policies.cluster: true");
        }
        if (path.isEmpty() && !cluster.asBoolean(false)) {
            throw f.error("spec.policies", "names no policies: give path (a directory of Kyverno policies) or cluster: true");
        }
        if (!selector.isEmpty()) {
            try {
                LabelSelector.parse(selector);
            } catch (IllegalArgumentException e) {
                throw f.error("spec.policies.clusterSelector", "is not a label selector: " + e.getMessage());
            }
        }
        return new Policies(repoURL, targetRevision, path, cluster.asBoolean(false), selector);
    }

    private static Helm helm(Fields f, JsonNode helm) {
        if (helm.isMissingNode()) {
            return Helm.NONE;
        }
        return new Helm(f.strings("spec.source.helm.valueFiles"), f.strings("spec.source.helm.parameters"),
                f.optional("spec.source.helm.releaseName", ""));
    }

    private static SyncPolicy syncPolicy(Fields f, JsonNode policy) {
        if (policy.isMissingNode()) {
            return SyncPolicy.MANUAL;
        }
        JsonNode automated = policy.path("automated");
        Retry retry = Retry.DEFAULT;
        if (policy.has("retry")) {
            retry = new Retry(f.integer("spec.syncPolicy.retry.limit", Retry.DEFAULT.limit()),
                    f.duration("spec.syncPolicy.retry.backoff.duration", Retry.DEFAULT.duration()),
                    f.number("spec.syncPolicy.retry.backoff.factor", Retry.DEFAULT.factor()),
                    f.duration("spec.syncPolicy.retry.backoff.maxDuration", Retry.DEFAULT.maxDuration()));
        }
        return new SyncPolicy(!automated.isMissingNode() && !automated.isNull(), automated.path("prune").asBoolean(false),
                automated.path("selfHeal").asBoolean(false), retry,
                f.integer("spec.syncPolicy.pruneConfirmThreshold", SyncPolicy.MANUAL.pruneConfirmThreshold()));
    }

    private static List<IgnoreDifference> ignoreDifferences(Fields f, JsonNode list) {
        List<IgnoreDifference> result = new ArrayList<>();
        for (JsonNode item : list) {
            List<String> pointers = new ArrayList<>();
            item.path("jsonPointers").forEach(p -> pointers.add(p.asText()));
            for (String pointer : pointers) {
                if (!pointer.startsWith("/")) {
                    throw f.error("spec.ignoreDifferences", "'" + pointer + "' is not a JSON pointer (it must start with /)");
                }
            }
            result.add(new IgnoreDifference(item.path("group").asText(""), item.path("kind").asText(""),
                    item.path("name").asText(""), item.path("namespace").asText(""), pointers));
        }
        return result;
    }
}
