package io.mooring.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.cluster.Retrying;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key ring in a cluster: one {@code kubernetes.io/tls} Secret per key in Mooring's namespace,
 * labelled as Sealed Secrets labels its keys, and the newest key's certificate published in a
 * ConfigMap that anyone allowed to read it can seal with, without any access to the keys. Every
 * change is a plain API call, so the cluster's RBAC decides who may make or import keys.
 */
public final class KeyRingStore {
    /** The ConfigMap that publishes the certificate to seal with. */
    public static final String CERTIFICATE_CONFIG_MAP = "sealing-certificate";
    public static final String CERTIFICATE_KEY = "tls.crt";
    private static final Logger LOG = LoggerFactory.getLogger(KeyRingStore.class);
    /** Demo keys warned about in this process: once each, not at every read of the ring. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final KubernetesClient client;
    private final String namespace;
    private final Retrying retrying;

    public KeyRingStore(KubernetesClient client, String namespace, Retrying retrying) {
        this.client = client;
        this.namespace = namespace;
        this.retrying = retrying;
    }

    public String namespace() {
        return namespace;
    }

    /** The key Secrets as they are stored (for export). */
    public List<ObjectNode> secrets() {
        List<Secret> items = retrying.call(() -> client.secrets().inNamespace(namespace)
                .withLabel(SealingKeys.KEY_LABEL, SealingKeys.ACTIVE).list().getItems());
        return items.stream().map(s -> client.getKubernetesSerialization().convertValue(s, ObjectNode.class)).toList();
    }

    /** Every key of the ring; a Secret that holds no readable key is left out with a warning. */
    public KeyRing load() {
        List<SealingKey> keys = new ArrayList<>();
        for (ObjectNode secret : secrets()) {
            try {
                SealingKey key = SealingKeys.fromSecret(secret);
                keys.add(key);
                if (SealingKeys.isDemo(secret) && WARNED.add(namespace + "/" + key.fingerprint())) {
                    LOG.warn("the key ring in namespace {} holds the public DEMO key {}: anything sealed for it can be read by anyone; "
                            + "delete it unless this is a sandbox", namespace, secret.path("metadata").path("name").asText());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("key ring: {}", e.getMessage());
            }
        }
        return new KeyRing(keys);
    }

    /** Makes a new key of {@code bits} bits, stores it and publishes its certificate; it seals from now on. */
    public SealingKey create(int bits, Instant now, SecureRandom random) {
        SealingKey key = SealingKeys.generate(bits, now, SealingKeys.VALIDITY, random);
        return store(key, false);
    }

    /**
     * Stores a key made elsewhere (a backup, a Sealed Secrets controller's key) under its own name
     * or, when it has none, Mooring's; a key already in the ring is left as it is.
     *
     * @return whether it was added
     */
    public boolean importKey(SealingKey key, boolean demo) {
        if (load().contains(key)) {
            return false;
        }
        store(key, demo);
        return true;
    }

    private SealingKey store(SealingKey key, boolean demo) {
        ensureNamespace();
        ObjectNode secret = SealingKeys.toSecret(key, namespace);
        if (demo) {
            secret.with("metadata").with("annotations").put(SealingKeys.DEMO_ANNOTATION, "true");
        }
        Secret typed = client.getKubernetesSerialization().convertValue(secret, Secret.class);
        Secret created = retrying.call(() -> client.secrets().inNamespace(namespace).resource(typed).create());
        SealingKey stored = key.named(created.getMetadata().getName());
        publish(load());
        LOG.info("sealing key {} ({}) stored in namespace {}", stored.name(), stored.fingerprint(), namespace);
        return stored;
    }

    /** Writes the current key's certificate to the ConfigMap that sealers read. */
    public void publish(KeyRing ring) {
        ring.current().ifPresent(current -> {
            var map = new ConfigMapBuilder().withNewMetadata().withName(CERTIFICATE_CONFIG_MAP).withNamespace(namespace).endMetadata()
                    .addToData(CERTIFICATE_KEY, Pem.of(current.certificate())).build();
            retrying.call(() -> client.configMaps().inNamespace(namespace).resource(map).fieldManager("mooring").forceConflicts()
                    .serverSideApply());
        });
    }

    /**
     * The certificate to seal with: the published one, or, for a caller who may read the keys but
     * finds no ConfigMap (keys put there by kubectl), the newest key's.
     */
    public Optional<X509Certificate> certificate() {
        var map = retrying.call(() -> client.configMaps().inNamespace(namespace).withName(CERTIFICATE_CONFIG_MAP).get());
        if (map != null && map.getData() != null && map.getData().containsKey(CERTIFICATE_KEY)) {
            return Optional.of(Pem.certificates(map.getData().get(CERTIFICATE_KEY)).getFirst());
        }
        return load().current().map(SealingKey::certificate);
    }

    /** Makes a new key when the newest is older than {@code period} or there is none; returns it. */
    public Optional<SealingKey> renewIfDue(java.time.Duration period, int bits, Instant now, SecureRandom random) {
        KeyRing ring = load();
        if (!ring.renewalDue(now, period)) {
            return Optional.empty();
        }
        return Optional.of(create(bits, now, random));
    }

    private void ensureNamespace() {
        if (retrying.call(() -> client.namespaces().withName(namespace).get()) != null) {
            return;
        }
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
