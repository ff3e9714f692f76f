package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns SealedSecrets into Secrets with the keys of one key ring. Each value opens with some key
 * of the ring (newest first) under the scope's label, or the whole SealedSecret fails: a Secret is
 * made with all its values or not at all. A failure says which value failed and why, as far as can
 * be known: another key or scope (and which scope does open it, when one does), or a value changed
 * after sealing.
 *
 * <p>An instance remembers the values it opened (bounded), keyed by ciphertext and label: RSA
 * decryption costs milliseconds, and a controller compares every application every poll. The memo
 * lives as long as the instance, which is made per key ring.
 */
public final class Unsealer {
    private static final int MEMO_ENTRIES = 16_384;

    private final KeyRing ring;
    private final Map<String, byte[]> memo = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MEMO_ENTRIES;
        }
    });

    public Unsealer(KeyRing ring) {
        this.ring = ring;
    }

    public KeyRing ring() {
        return ring;
    }

    /**
     * The Secret {@code sealed} makes.
     *
     * @throws SecretException naming the SealedSecret and the value that does not open
     */
    public ObjectNode unseal(SealedSecret sealed) {
        if (ring.isEmpty()) {
            throw new SecretException(sealed.source(), sealed.line(), sealed.id() + " cannot be unsealed: the cluster has no sealing key",
                    "create one with 'mooring secrets keys rotate', or import your Sealed Secrets keys with 'mooring secrets keys import'");
        }
        SortedMap<String, byte[]> values = new TreeMap<>();
        byte[] label = sealed.label();
        for (Map.Entry<String, String> entry : sealed.encryptedData().entrySet()) {
            values.put(entry.getKey(), open(sealed, entry.getKey(), entry.getValue(), label));
        }
        ObjectNode template = sealed.template();
        if (template.path("data") instanceof ObjectNode templates && !templates.isEmpty()) {
            Map<String, String> text = SecretObjects.text(values);
            for (var field : templates.properties()) {
                if (field.getValue().isNull()) {
                    values.remove(field.getKey());
                    continue;
                }
                try {
                    values.put(field.getKey(), GoTemplate.render(field.getValue().asText(), text).getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new SecretException(sealed.source(), sealed.line(), sealed.id() + ": spec.template.data." + field.getKey()
                            + ": " + e.getMessage(), null);
                }
            }
        }
        JsonNode metadata = SecretObjects.userMetadata(template.path("metadata"));
        return SecretObjects.secret(sealed.name(), sealed.namespace(), metadata, template.path("type").asText(""),
                template.get("immutable"), values);
    }

    private byte[] open(SealedSecret sealed, String key, String base64, byte[] label) {
        String memoKey = new String(label, StandardCharsets.UTF_8) + "\n" + base64;
        byte[] known = memo.get(memoKey);
        if (known != null) {
            return known;
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw failure(sealed, key, "it is not base64", "copy the value again from the output of 'mooring seal' or kubeseal");
        }
        HybridEncryption.Failure last = null;
        for (SealingKey candidate : ring.keys()) {
            try {
                byte[] plain = HybridEncryption.decrypt(candidate.privateKey(), ciphertext, label);
                memo.put(memoKey, plain);
                return plain;
            } catch (HybridEncryption.Failure f) {
                if (f.part() != HybridEncryption.Failure.Part.KEY) {
                    last = f;
                    break;
                }
            }
        }
        if (last != null && last.part() == HybridEncryption.Failure.Part.CONTENT) {
            throw failure(sealed, key, last.getMessage(), "seal the value again: a sealed value cannot be edited");
        }
        if (last != null) {
            throw failure(sealed, key, last.getMessage(), "seal the value again with 'mooring seal'");
        }
        for (SealingScope other : SealingScope.values()) {
            if (other != sealed.scope() && opens(ciphertext, other.label(sealed.namespace(), sealed.name()))) {
                throw failure(sealed, key, "it was sealed with " + other.text() + " scope, but the SealedSecret declares "
                        + sealed.scope().describe(sealed.namespace(), sealed.name()), other == SealingScope.STRICT
                        ? "remove the annotations " + SealingScope.NAMESPACE_WIDE_ANNOTATION + " and " + SealingScope.CLUSTER_WIDE_ANNOTATION
                        : "annotate the SealedSecret with " + (other == SealingScope.CLUSTER_WIDE ? SealingScope.CLUSTER_WIDE_ANNOTATION
                        : SealingScope.NAMESPACE_WIDE_ANNOTATION) + ": \"true\", or seal it again with --scope " + sealed.scope().text());
            }
        }
        throw failure(sealed, key, "no key of the cluster's key ring (" + ring.keys().size() + (ring.keys().size() == 1 ? " key" : " keys")
                        + ") opens it with " + sealed.scope().describe(sealed.namespace(), sealed.name()),
                "it was sealed for another cluster's key, a key no longer in the ring, or another namespace or name (a kustomize "
                        + "namespace or namePrefix changes both): seal it again with 'mooring seal' for this cluster and the final "
                        + "namespace and name");
    }

    private boolean opens(byte[] ciphertext, byte[] label) {
        for (SealingKey candidate : ring.keys()) {
            try {
                HybridEncryption.decrypt(candidate.privateKey(), ciphertext, label);
                return true;
            } catch (HybridEncryption.Failure f) {
                // try the next key
            }
        }
        return false;
    }

    private static SecretException failure(SealedSecret sealed, String key, String why, String hint) {
        return new SecretException(sealed.source(), sealed.line(), sealed.id() + ": value \"" + key + "\" cannot be unsealed: " + why, hint);
    }
}
