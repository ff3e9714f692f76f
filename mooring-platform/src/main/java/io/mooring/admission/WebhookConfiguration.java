package io.mooring.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicySet;
import io.mooring.policy.Rule;
import io.mooring.policy.match.KindSelector;
import io.mooring.policy.match.MatchResources;
import io.mooring.policy.match.ResourceFilter;
import io.mooring.resource.ManifestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ValidatingWebhookConfiguration} that sends the API server's requests to the webhook:
 * only the kinds the policies match (their resources and groups, autogen's pod controllers
 * included), only whole objects (no subresources), never the excluded namespaces (kube-system and
 * Mooring's own, so that a broken webhook cannot lock the cluster's own machinery out), with the
 * failurePolicy and timeout chosen. Pure: policies and settings in, the object out.
 */
public final class WebhookConfiguration {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";
    /** Rules that name no operations apply to every operation; the webhook is sent creates and updates of them. */
    private static final List<String> DEFAULT_OPERATIONS = List.of("CREATE", "UPDATE");

    private WebhookConfiguration() {
    }

    /** Ignore lets a request through when the webhook cannot be reached or answers an error; Fail refuses it. */
    public enum FailurePolicy { Fail, Ignore }

    /**
     * Where the API server finds the webhook and how it treats it.
     *
     * @param name               the configuration object's name
     * @param webhookName        the webhook's name (three dot-separated parts at least), shown in refusals
     * @param service            the Service in front of the webhook ({@code namespace/name}), or null with {@code url}
     * @param port               the Service's port
     * @param path               the path the webhook serves reviews on
     * @param url                {@code https://host:port/path} of a webhook outside the cluster, or null with {@code service}
     * @param caBundle           the PEM of the CA that signed the webhook's certificate, or null with {@code certManagerCertificate}
     * @param certManagerCertificate cert-manager's Certificate ({@code namespace/name}) whose CA its injector writes into caBundle, or null
     * @param failurePolicy      what the API server does when the webhook fails
     * @param timeoutSeconds     how long the API server waits for an answer (1 to 30)
     * @param excludedNamespaces namespaces whose requests are never sent
     */
    public record Settings(String name, String webhookName, String service, int port, String path, String url, String caBundle,
                           String certManagerCertificate, FailurePolicy failurePolicy, int timeoutSeconds, List<String> excludedNamespaces) {
        public Settings {
            excludedNamespaces = List.copyOf(excludedNamespaces);
            if ((service == null) == (url == null)) {
                throw new IllegalArgumentException("give either a Service (namespace/name) or a URL for the webhook");
            }
            if (service != null && !service.matches("[^/]+/[^/]+")) {
                throw new IllegalArgumentException("the Service must be namespace/name, not '" + service + "'");
            }
            if (url != null && !url.startsWith("https://")) {
                throw new IllegalArgumentException("the API server calls webhooks over HTTPS only: '" + url + "'");
            }
            if ((caBundle == null) == (certManagerCertificate == null)) {
                throw new IllegalArgumentException("give either the CA bundle or cert-manager's Certificate (namespace/name) that injects it");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 30) {
                throw new IllegalArgumentException("the timeout must be between 1 and 30 seconds (the API server's limits), not " + timeoutSeconds);
            }
            if (webhookName.split("\\.").length < 3) {
                throw new IllegalArgumentException("a webhook's name needs three dot-separated parts at least, as validate.policies.mooring.io");
            }
        }
    }

    /**
     * @param known the kinds (and their resources) rules may name: Kubernetes' built-in kinds and the cluster's
     * @throws ManifestException naming the policy and rule when a rule names a kind that is not known
     */
    public static ObjectNode generate(PolicySet policies, Settings settings, List<ApiKinds.ApiKind> known) {
        Map<String, Set<String>> resourcesByGroup = new TreeMap<>();
        Set<String> operations = new TreeSet<>();
        for (Policy policy : policies.policies()) {
            for (Rule rule : policy.rules()) {
                for (ResourceFilter filter : filters(rule.match())) {
                    operations.addAll(filter.operations().isEmpty() ? DEFAULT_OPERATIONS : filter.operations());
                    for (String kind : filter.kinds()) {
                        resources(policy, rule, KindSelector.parse(kind), known, resourcesByGroup);
                    }
                }
            }
        }
        ObjectNode configuration = JSON.objectNode();
        configuration.put("apiVersion", "admissionregistration.k8s.io/v1");
        configuration.put("kind", "ValidatingWebhookConfiguration");
        ObjectNode metadata = configuration.putObject("metadata");
        metadata.put("name", settings.name());
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "mooring");
        if (settings.certManagerCertificate() != null) {
            metadata.putObject("annotations").put("cert-manager.io/inject-ca-from", settings.certManagerCertificate());
        }
        ObjectNode webhook = configuration.putArray("webhooks").addObject();
        webhook.put("name", settings.webhookName());
        ObjectNode client = webhook.putObject("clientConfig");
        if (settings.service() != null) {
            String[] service = settings.service().split("/");
            client.putObject("service").put("namespace", service[0]).put("name", service[1]).put("path", settings.path())
                    .put("port", settings.port());
        } else {
            client.put("url", settings.url());
        }
        if (settings.caBundle() != null) {
            client.put("caBundle", Base64.getEncoder().encodeToString(settings.caBundle().getBytes(StandardCharsets.US_ASCII)));
        }
        ArrayNode rules = webhook.putArray("rules");
        resourcesByGroup.forEach((group, resources) -> {
            ObjectNode entry = rules.addObject();
            strings(entry.putArray("apiGroups"), List.of(group));
            strings(entry.putArray("apiVersions"), List.of("*"));
            strings(entry.putArray("operations"), List.copyOf(operations));
            strings(entry.putArray("resources"), List.copyOf(resources));
            entry.put("scope", "*");
        });
        ObjectNode namespaceSelector = webhook.putObject("namespaceSelector");
        if (!settings.excludedNamespaces().isEmpty()) {
            ObjectNode expression = namespaceSelector.putArray("matchExpressions").addObject();
            expression.put("key", NAMESPACE_LABEL).put("operator", "NotIn");
            strings(expression.putArray("values"), settings.excludedNamespaces());
        }
        webhook.put("failurePolicy", settings.failurePolicy().name());
        webhook.put("matchPolicy", "Equivalent");
        webhook.put("sideEffects", "None");
        webhook.put("timeoutSeconds", settings.timeoutSeconds());
        strings(webhook.putArray("admissionReviewVersions"), List.of("v1"));
        return configuration;
    }

    private static List<ResourceFilter> filters(MatchResources match) {
        return match == null ? List.of() : match.filters();
    }

    /** The resources a kind selector stands for, by group; a wildcard kind stands for every resource of its groups. */
    private static void resources(Policy policy, Rule rule, KindSelector selector, List<ApiKinds.ApiKind> known,
                                  Map<String, Set<String>> resourcesByGroup) {
        if (!selector.subresource().isEmpty()) {
            return; // the engine judges whole objects only: a Pod/exec rule never applies
        }
        if (selector.kind().contains("*") || selector.kind().contains("?")) {
            resourcesByGroup.computeIfAbsent(selector.group(), g -> new TreeSet<>()).add("*");
            return;
        }
        List<ApiKinds.ApiKind> matched = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ApiKinds.ApiKind kind : known) {
            if (selector.matches(kind.group(), kind.version(), kind.kind()) && seen.add(kind.group() + "/" + kind.plural())) {
                matched.add(kind);
            }
        }
        if (matched.isEmpty()) {
            throw new ManifestException(policy.source(), policy.line(), (policy.namespace().isEmpty() ? "ClusterPolicy " : "Policy ")
                    + policy.qualifiedName() + ", rule " + rule.name() + ": kind " + selector.kind() + " is neither built into Kubernetes nor served by the cluster",
                    "generate the configuration against the cluster that serves it (--kubeconfig), or fix the kind");
        }
        for (ApiKinds.ApiKind kind : matched) {
            resourcesByGroup.computeIfAbsent(kind.group(), g -> new TreeSet<>()).add(kind.plural());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
