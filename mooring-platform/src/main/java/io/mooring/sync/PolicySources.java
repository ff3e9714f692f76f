package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.ResourceType;
import io.mooring.config.Application;
import io.mooring.git.Commit;
import io.mooring.git.GitException;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicyParser;
import io.mooring.policy.PolicySet;
import io.mooring.resource.ManifestException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies an Application names in {@code spec.policies}: a directory of its own repository at
 * the commit being synced (or of another repository at its revision), and the cluster's Kyverno
 * policies. Policies read from Git are kept per (repository, commit, path); the cluster's are read
 * again when older than {@code maxAge}. A policy that cannot be read is a {@link SourceException}
 * with reason {@code PolicyError} naming the file, the policy and the rule: the sync it guards
 * stops before any write, as it does when the render fails.
 */
final class PolicySources {
    static final String REASON = "PolicyError";
    private static final String KYVERNO = "kyverno.io";
    private static final int MAX_ENTRIES = 256;

    private final Renderings renderings;
    private final ClusterClient cluster;
    private final Duration maxAge;
    private final Map<String, Loaded> fromGit = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
            return size() > MAX_ENTRIES;
        }
    });
    private final Map<String, Listed> fromCluster = new ConcurrentHashMap<>();

    /** The policies that guard one application, and where they came from (for its status). */
    record Found(PolicySet policies, List<String> sources) {
        Found {
            sources = List.copyOf(sources);
        }
    }

    /** A directory read once: its policies or the error that every sync of that commit reports. */
    private record Loaded(PolicySet policies, SourceException error) {
    }

    private record Listed(List<Policy> policies, Instant at) {
    }

    /** @param maxAge how long a fetch of another repository, or a list of the cluster's policies, is reused */
    PolicySources(Renderings renderings, ClusterClient cluster, Duration maxAge) {
        this.renderings = renderings;
        this.cluster = cluster;
        this.maxAge = maxAge;
    }

    /**
     * The application's policies for a sync of {@code commit}; empty when it names none.
     *
     * @throws SourceException when a policy cannot be read or the repository cannot be fetched
     */
    Optional<Found> find(Application application, Commit commit) {
        Application.Policies spec = application.spec().policies();
        if (!spec.any()) {
            return Optional.empty();
        }
        List<Policy> policies = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (!spec.path().isEmpty()) {
            boolean own = spec.repoURL().isEmpty();
            String url = own ? application.spec().source().repoURL() : spec.repoURL();
            Commit at = own ? commit : renderings.resolve(url, spec.targetRevision(), maxAge);
            policies.addAll(fromGit(url, at, spec.path()).policies());
            sources.add(spec.path() + " at " + at.shortSha() + (own ? "" : " of " + url));
        }
        if (spec.cluster()) {
            Set<String> names = new HashSet<>();
            policies.forEach(p -> names.add(p.qualifiedName()));
            String namespace = application.spec().destination().namespace();
            // The same policy in Git and in the cluster (a platform repo that also installs its
            // policies into Kyverno) is judged once, as Git has it at the commit being synced.
            List<Policy> listed = fromCluster(spec.clusterSelector()).stream()
                    .filter(p -> p.namespace().isEmpty() || p.namespace().equals(namespace))
                    .filter(p -> !names.contains(p.qualifiedName())).toList();
            policies.addAll(listed);
            sources.add(kyvernoServed().isEmpty() ? "cluster (Kyverno's CRDs are not installed)" : "cluster (" + listed.size() + ")");
        }
        return Optional.of(new Found(PolicySet.of(policies), sources));
    }

    private PolicySet fromGit(String url, Commit commit, String path) {
        String relative = Renderings.normalise(path);
        if (relative.equals("..") || relative.startsWith("../") || Path.of(relative).isAbsolute()) {
            throw new SourceException(REASON, "spec.policies.path '" + path + "' leaves the repository", null);
        }
        String key = url + "\n" + commit.sha() + "\n" + relative;
        Loaded loaded = fromGit.get(key);
        if (loaded == null) {
            loaded = load(url, commit, path, relative);
            fromGit.put(key, loaded);
        }
        if (loaded.error() != null) {
            throw loaded.error();
        }
        return loaded.policies();
    }

    private Loaded load(String url, Commit commit, String path, String relative) {
        Path root;
        try {
            root = renderings.git().checkout(url, commit.sha(), Set.of(relative));
        } catch (GitException e) {
            throw new SourceException("GitError", e.getMessage(), e);
        }
        Path dir = root.resolve(relative).normalize();
        if (!Files.exists(dir)) {
            return new Loaded(null, new SourceException(REASON, "policies path '" + path + "' does not exist at " + commit.shortSha()
                    + " of " + url + " (nothing is applied until the Application's spec.policies names policies that exist)", null));
        }
        try {
            return new Loaded(PolicyLoader.load(dir), null);
        } catch (ManifestException e) {
            ManifestException located = new ManifestException(inRepository(root, e.source()), e.line(), e.problem(), e.hint());
            return new Loaded(null, new SourceException(REASON, located.getMessage(), e));
        }
    }

    private static String inRepository(Path root, String source) {
        if (source == null) {
            return null;
        }
        Path file = Path.of(source);
        return file.isAbsolute() && file.startsWith(root) ? root.relativize(file).toString() : source;
    }

    /** The cluster's ClusterPolicies and Policies matching the selector, listed at most once per {@code maxAge}. */
    private List<Policy> fromCluster(String selector) {
        Listed listed = fromCluster.get(selector);
        if (listed != null && listed.at().plus(maxAge).isAfter(Instant.now())) {
            return listed.policies();
        }
        List<Policy> policies = new ArrayList<>();
        try {
            for (ResourceType type : kyvernoServed()) {
                for (ObjectNode object : cluster.list(type, selector.isEmpty() ? null : selector)) {
                    String namespace = object.path("metadata").path("namespace").asText("");
                    String name = type.kind() + " " + (namespace.isEmpty() ? "" : namespace + "/") + object.path("metadata").path("name").asText();
                    policies.add(PolicyParser.parse(object, "cluster: " + name, 0));
                }
            }
        } catch (ManifestException e) {
            throw new SourceException(REASON, e.getMessage(), e);
        } catch (KubernetesClientException e) {
            throw new SourceException(REASON, "cannot list the cluster's Kyverno policies: " + e.getMessage(), e);
        }
        fromCluster.put(selector, new Listed(List.copyOf(policies), Instant.now()));
        return policies;
    }

    /** Kyverno's policy kinds where the cluster serves them (its CRDs installed); discovery is not asked again for them. */
    private List<ResourceType> kyvernoServed() {
        return cluster.types().all().stream()
                .filter(t -> t.group().equals(KYVERNO) && (t.kind().equals("ClusterPolicy") || t.kind().equals("Policy")))
                .toList();
    }
}
