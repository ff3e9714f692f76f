package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.cluster.ClusterClient;
import io.mooring.config.Application;
import io.mooring.resource.Manifest;
import io.mooring.resource.ResourceKey;
import io.mooring.secrets.external.ExternalSecret;
import io.mooring.secrets.external.ExternalSecretBuilder;
import io.mooring.secrets.external.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sync step that turns an application's secret references into Secrets, between the render
 * and the desired state. A {@code SealedSecret} is unsealed with the cluster's key ring; an
 * {@code ExternalSecret} is resolved from its store; both become the Secret they describe, which
 * is what Mooring applies, tracks and prunes. The references themselves, and the stores, are not
 * applied: Mooring does the work of the Sealed Secrets controller and of External Secrets Operator,
 * and applying their objects would invite those controllers (where installed) to fight over the
 * same Secret.
 *
 * <p>Any failure fails the whole step, so the sync writes and prunes nothing; the message names the
 * object and never holds a value. A render without such objects passes through untouched and costs
 * no request.
 */
public final class SecretResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SecretResolver.class);

    private final ClusterClient cluster;
    private final SecretsSettings settings;
    private final Clock clock;
    private final KeyRingStore keys;
    private final FileStore files;
    private volatile Ring ring;
    private final Map<String, Resolved> external = new ConcurrentHashMap<>();

    /** A key ring as read at a time, with the unsealer (and its memo) made for it. */
    private record Ring(Unsealer unsealer, Instant read) {
    }

    /** An ExternalSecret resolved at a time, for the spec and store it had. */
    private record Resolved(String inputs, ObjectNode secret, Instant at) {
    }

    public SecretResolver(ClusterClient cluster, SecretsSettings settings, Clock clock) {
        this.cluster = cluster;
        this.settings = settings;
        this.clock = clock;
        this.keys = new KeyRingStore(cluster.client(), settings.keyNamespace(), io.mooring.cluster.Retrying.DEFAULT);
        this.files = new FileStore(settings.fileRoot());
    }

    /** Whether a render holds anything this step changes. */
    public static boolean concerns(List<Manifest> manifests) {
        return manifests.stream().map(Manifest::object).anyMatch(o -> SealedSecret.is(o) || ExternalSecret.is(o) || SecretStore.is(o));
    }

    /**
     * The manifests with SealedSecrets and ExternalSecrets replaced by their Secrets and the stores left out.
     *
     * @throws SecretException naming the object that cannot be made into a Secret
     */
    public List<Manifest> resolve(Application application, List<Manifest> manifests) {
        if (!concerns(manifests)) {
            return manifests;
        }
        String destination = application.spec().destination().namespace().isEmpty() ? "default" : application.spec().destination().namespace();
        Map<String, SecretStore> stores = new HashMap<>();
        for (Manifest manifest : manifests) {
            if (SecretStore.is(manifest.object())) {
                SecretStore store = SecretStore.parse(manifest.object(), destination, manifest.source(), manifest.line());
                stores.put(store.kind() + "/" + store.namespace() + "/" + store.name(), store);
            }
        }
        List<Manifest> result = new ArrayList<>();
        Map<String, ObjectNode> made = new HashMap<>();
        Map<String, String> madeBy = new HashMap<>();
        // SealedSecrets first: an ExternalSecret's store may take its token from one of them.
        for (Manifest manifest : manifests) {
            if (SealedSecret.is(manifest.object())) {
                SealedSecret sealed = SealedSecret.parse(manifest.object(), destination, manifest.source(), manifest.line());
                ObjectNode secret = unseal(sealed);
                LOG.debug("unsealed {} ({} values)", sealed.id(), sealed.encryptedData().size());
                add(result, made, madeBy, secret, sealed.id(), manifest);
            }
        }
        for (Manifest manifest : manifests) {
            JsonNode object = manifest.object();
            if (SealedSecret.is(object) || SecretStore.is(object)) {
                continue;
            }
            if (ExternalSecret.is(object)) {
                ExternalSecret es = ExternalSecret.parse(object, destination, manifest.source(), manifest.line());
                ObjectNode secret = resolve(es, object, stores, made);
                if (secret != null) {
                    add(result, made, madeBy, secret, es.id(), manifest);
                }
                continue;
            }
            if (io.mooring.secrets.SecretObjects.isSecret(object)) {
                String id = secretId(object, destination);
                if (madeBy.containsKey(id)) {
                    throw new SecretException(manifest.source(), manifest.line(), "Secret " + id + " is in Git as it is and also made by "
                            + madeBy.get(id), "keep one of the two");
                }
                madeBy.put(id, "a Secret manifest");
            }
            result.add(manifest);
        }
        return result;
    }

    private static void add(List<Manifest> result, Map<String, ObjectNode> made, Map<String, String> madeBy, ObjectNode secret, String by,
                            Manifest from) {
        String id = secretId(secret, "");
        if (madeBy.containsKey(id)) {
            throw new SecretException(from.source(), from.line(), by + " makes Secret " + id + ", which " + madeBy.get(id) + " makes too",
                    "give one of them another name (for an ExternalSecret: spec.target.name)");
        }
        madeBy.put(id, by);
        made.put(id, secret);
        // No text: a manifest's text is what people are shown, and this one is the plaintext.
        result.add(new Manifest(secret, from.source(), from.line(), ""));
    }

    private static String secretId(JsonNode secret, String defaultNamespace) {
        String namespace = secret.path("metadata").path("namespace").asText("");
        return (namespace.isEmpty() ? defaultNamespace : namespace) + "/" + secret.path("metadata").path("name").asText();
    }

    private ObjectNode unseal(SealedSecret sealed) {
        Instant asked = clock.instant();
        Ring current = ring(false);
        try {
            return current.unsealer().unseal(sealed);
        } catch (SecretException e) {
            // A key imported or made since the ring was read may be the one: read it again, once,
            // unless it was read for this very call.
            if (!current.read().isBefore(asked)) {
                throw e;
            }
            return ring(true).unsealer().unseal(sealed);
        }
    }

    private synchronized Ring ring(boolean reload) {
        Instant now = clock.instant();
        Ring current = ring;
        if (!reload && current != null && current.read().plus(settings.ringMaxAge()).isAfter(now)) {
            return current;
        }
        KeyRing loaded;
        try {
            loaded = keys.load();
        } catch (KubernetesClientException e) {
            throw new SecretException("the key ring in namespace " + settings.keyNamespace() + " cannot be read: "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()),
                    "Mooring needs list access to Secrets in namespace " + settings.keyNamespace());
        }
        // The same keys keep the same unsealer, and so the values it has already opened.
        Unsealer unsealer = current != null && current.unsealer().ring().identity().equals(loaded.identity()) ? current.unsealer()
                : new Unsealer(loaded);
        ring = new Ring(unsealer, now);
        return ring;
    }

    private ObjectNode resolve(ExternalSecret es, JsonNode object, Map<String, SecretStore> stores, Map<String, ObjectNode> made) {
        SecretStore store = store(es, stores);
        String inputs = object.path("spec").toString() + "\n" + store;
        Instant now = clock.instant();
        Resolved last = external.get(es.namespace() + "/" + es.name());
        if (last != null && last.inputs().equals(inputs)
                && (es.refreshInterval().isZero() || last.at().plus(es.refreshInterval()).isAfter(now))) {
            return last.secret() == null ? null : last.secret().deepCopy();
        }
        ObjectNode secret = ExternalSecretBuilder.build(es, ref -> fetch(es, store, ref, made));
        external.put(es.namespace() + "/" + es.name(), new Resolved(inputs, secret, now));
        LOG.debug("resolved {} from {}", es.id(), store.id());
        return secret == null ? null : secret.deepCopy();
    }

    private SecretStore store(ExternalSecret es, Map<String, SecretStore> stores) {
        ExternalSecret.StoreRef ref = es.store();
        String namespace = ref.kind().equals("ClusterSecretStore") ? "" : es.namespace();
        SecretStore inRender = stores.get(ref.kind() + "/" + namespace + "/" + ref.name());
        if (inRender != null) {
            return inRender;
        }
        Optional<ObjectNode> inCluster = Optional.empty();
        if (cluster.types().find(ExternalSecret.GROUP, ref.kind()).isPresent()) {
            var type = cluster.types().find(ExternalSecret.GROUP, ref.kind()).orElseThrow();
            inCluster = cluster.get(new ResourceKey(ExternalSecret.GROUP, type.version(), ref.kind(), namespace, ref.name()));
        }
        return inCluster.map(o -> SecretStore.parse(o, namespace, ref.kind() + " " + ref.name() + " (in the cluster)", 0))
                .orElseThrow(() -> new SecretException(es.source(), es.line(), es.id() + ": its " + ref.kind() + " " + ref.name()
                        + " is neither in the application nor in the cluster", "add the store to the application's manifests"));
    }

    private JsonNode fetch(ExternalSecret es, SecretStore store, ExternalSecret.RemoteRef ref, Map<String, ObjectNode> made) {
        try {
            return switch (store.provider()) {
                case SecretStore.Vault vault -> {
                    VaultKv2 client = new VaultKv2(vault, token(store, vault.token(), made));
                    if (ref.fetchMetadata()) {
                        yield client.metadata(ref.key()).path("custom_metadata");
                    }
                    yield client.read(ref.key(), ref.version());
                }
                case SecretStore.File file -> {
                    if (!ref.version().isEmpty() || ref.fetchMetadata()) {
                        throw new IllegalArgumentException("file stores have no versions and no metadata");
                    }
                    yield files.read(file.path(), ref.key());
                }
            };
        } catch (VaultKv2.VaultException e) {
            throw new SecretException(es.source(), es.line(), es.id() + " (store " + store.id() + "): " + e.getMessage(), e.hint());
        } catch (IllegalArgumentException e) {
            throw new SecretException(es.source(), es.line(), es.id() + " (store " + store.id() + "): " + e.getMessage(), null);
        }
    }

    /** The Vault token: from a Secret this render makes (a SealedSecret), else from the cluster. */
    private String token(SecretStore store, SecretStore.TokenRef ref, Map<String, ObjectNode> made) {
        ObjectNode secret = made.get(ref.namespace() + "/" + ref.name());
        if (secret == null) {
            try {
                secret = cluster.get(new ResourceKey("", "v1", "Secret", ref.namespace(), ref.name())).orElse(null);
            } catch (KubernetesClientException e) {
                throw new IllegalArgumentException("the token Secret " + ref.namespace() + "/" + ref.name() + " cannot be read (HTTP "
                        + e.getCode() + ")");
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("the token Secret " + ref.namespace() + "/" + ref.name() + " does not exist");
        }
        byte[] token = SecretObjects.values(secret).get(ref.key());
        if (token == null) {
            throw new IllegalArgumentException("the token Secret " + ref.namespace() + "/" + ref.name() + " has no key \"" + ref.key() + "\"");
        }
        return new String(token, StandardCharsets.UTF_8).strip();
    }

    /** The key ring store this step reads. */
    public KeyRingStore keys() {
        return keys;
    }
}
