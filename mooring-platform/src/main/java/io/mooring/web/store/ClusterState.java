package io.mooring.web.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The control plane's own state, kept in the cluster so that a restart (or the next
 * {@code mooring up}, whose sandbox keeps its objects) finds it again and replicas share it: users,
 * API tokens and keys in Secrets, settings and the audit log in ConfigMaps, all in one namespace
 * (by default {@code mooring-system}). Reads are cached for a moment (a request checks its token
 * without a round trip); writes go through at once, with the resourceVersion, retried when another
 * writer came first.
 */
public final class ClusterState {
    public static final String LABEL = "mooring.io/state";
    private static final Duration CACHE = Duration.ofSeconds(2);
    private static final int ATTEMPTS = 8;

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Map<String, String> data, long at) {
    }

    /** Secrets hold what must stay confidential; ConfigMaps the rest. */
    public enum Kind { SECRET, CONFIG_MAP }

    public ClusterState(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** Creates the namespace when it is missing. */
    public void ensureNamespace() {
        if (client.namespaces().withName(namespace).get() == null) {
            try {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /** The data of the object (decoded for a Secret); empty when it does not exist. */
    public Map<String, String> read(Kind kind, String name) {
        String id = kind + "/" + name;
        Cached cached = cache.get(id);
        if (cached != null && System.nanoTime() - cached.at() < CACHE.toNanos()) {
            return cached.data();
        }
        Map<String, String> data = data(get(kind, name));
        cache.put(id, new Cached(data, System.nanoTime()));
        return data;
    }

    /**
     * Changes the object's data with {@code change} (given the current data, returning the new),
     * creating the object when it does not exist. Returns the data written.
     */
    public Map<String, String> update(Kind kind, String name, UnaryOperator<Map<String, String>> change) {
        for (int attempt = 1; ; attempt++) {
            HasMetadata current = get(kind, name);
            Map<String, String> data = change.apply(new TreeMap<>(data(current)));
            try {
                if (current == null) {
                    client.resource(build(kind, name, data, null)).create();
                } else {
                    client.resource(build(kind, name, data, current.getMetadata().getResourceVersion())).update();
                }
                Map<String, String> written = Map.copyOf(data);
                cache.put(kind + "/" + name, new Cached(written, System.nanoTime()));
                return written;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private HasMetadata get(Kind kind, String name) {
        return switch (kind) {
            case SECRET -> client.secrets().inNamespace(namespace).withName(name).get();
            case CONFIG_MAP -> client.configMaps().inNamespace(namespace).withName(name).get();
        };
    }

    private HasMetadata build(Kind kind, String name, Map<String, String> data, String resourceVersion) {
        Map<String, String> labels = Map.of(LABEL, name, "app.kubernetes.io/part-of", "mooring");
        return switch (kind) {
            case SECRET -> {
                Map<String, String> encoded = new LinkedHashMap<>();
                data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
                yield new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                        .withResourceVersion(resourceVersion).endMetadata().withType("Opaque").withData(encoded).build();
            }
            case CONFIG_MAP -> new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                    .withResourceVersion(resourceVersion).endMetadata().withData(data).build();
        };
    }

    private static Map<String, String> data(HasMetadata object) {
        Map<String, String> data = new TreeMap<>();
        if (object instanceof Secret secret) {
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                data.putAll(secret.getStringData());
            }
        } else if (object instanceof ConfigMap configMap && configMap.getData() != null) {
            data.putAll(configMap.getData());
        }
        return Map.copyOf(data);
    }
}
