package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;

/**
 * Turns a Secret into a SealedSecret as kubeseal does: every value sealed on its own (so one key
 * can be replaced later without the others), the Secret's metadata, type and immutable kept as the
 * template, the scope in the annotations of both.
 */
public final class Sealer {
    private final PublicKey key;
    private final SecureRandom random;

    public Sealer(PublicKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /**
     * Seals {@code secret}.
     *
     * @param scope the scope to seal with; null for the one the Secret's annotations declare (strict when none)
     * @throws SecretException when the Secret has no name, no namespace (unless cluster-wide) or no values
     */
    public ObjectNode seal(JsonNode secret, SealingScope scope) {
        if (!SecretObjects.isSecret(secret)) {
            throw new SecretException("the input is a " + secret.path("kind").asText("object without kind") + ", not a v1 Secret",
                    "seal a Secret (kubectl create secret generic NAME --dry-run=client -o yaml makes one), or use --from-literal/--from-file");
        }
        ObjectNode metadata = SecretObjects.userMetadata(secret.path("metadata"));
        if (scope != null) {
            scope.annotate(metadata);
        }
        SealingScope effective = SealingScope.of(metadata);
        String name = metadata.path("name").asText("");
        String namespace = metadata.path("namespace").asText("");
        if (name.isEmpty()) {
            throw new SecretException("the Secret has no metadata.name", "name it (the SealedSecret and the Secret it makes take that name)");
        }
        if (namespace.isEmpty() && effective != SealingScope.CLUSTER_WIDE) {
            throw new SecretException("the Secret " + name + " has no metadata.namespace, which a " + effective.text() + " seal is bound to",
                    "give the namespace it will live in (-n NAMESPACE), or seal with --scope cluster-wide");
        }
        SortedMap<String, byte[]> values = SecretObjects.values(secret);
        if (values.isEmpty()) {
            throw new SecretException("the Secret " + name + " has no data or stringData: there is nothing to seal", null);
        }
        ObjectNode sealed = JsonNodeFactory.instance.objectNode().put("apiVersion", SealedSecret.API_VERSION).put("kind", SealedSecret.KIND);
        ObjectNode sealedMetadata = sealed.putObject("metadata");
        sealedMetadata.put("name", name);
        if (!namespace.isEmpty()) {
            sealedMetadata.put("namespace", namespace);
        }
        effective.annotate(sealedMetadata);
        ObjectNode spec = sealed.putObject("spec");
        ObjectNode template = spec.putObject("template");
        template.set("metadata", metadata);
        if (secret.hasNonNull("type")) {
            template.put("type", secret.path("type").asText());
        }
        if (secret.path("immutable").isBoolean()) {
            template.put("immutable", secret.path("immutable").booleanValue());
        }
        ObjectNode encrypted = spec.putObject("encryptedData");
        byte[] label = effective.label(namespace, name);
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            encrypted.put(value.getKey(), sealValue(value.getValue(), label));
        }
        return sealed;
    }

    /** One value sealed for {@code label}, in base64 as {@code spec.encryptedData} holds it. */
    public String sealValue(byte[] value, byte[] label) {
        return Base64.getEncoder().encodeToString(HybridEncryption.encrypt(key, value, label, random));
    }

    /**
     * {@code existing} with the values of {@code secret} added or replaced, sealed for the existing
     * SealedSecret's name, namespace and scope; its other values, untouched, stay as they were.
     * Template labels and annotations of the Secret are merged in, as kubeseal's --merge-into does.
     *
     * @param scope null to keep the existing scope; another scope than the existing one is refused, since
     *              the values of one SealedSecret share one scope
     */
    public ObjectNode merge(JsonNode existing, JsonNode secret, SealingScope scope) {
        SealedSecret target = SealedSecret.parse(existing, existing.path("metadata").path("namespace").asText(""), null, 0);
        if (scope != null && scope != target.scope()) {
            throw new SecretException(target.id() + " is sealed with " + target.scope().text() + " scope, not " + scope.text(),
                    "leave out --scope: a merged value takes the SealedSecret's own scope");
        }
        if (target.namespace().isEmpty() && target.scope() != SealingScope.CLUSTER_WIDE) {
            throw new SecretException(target.id() + " has no metadata.namespace, which its " + target.scope().text() + " seal is bound to",
                    "add the namespace its values were sealed for to the file");
        }
        SortedMap<String, byte[]> values = SecretObjects.values(secret);
        if (values.isEmpty()) {
            throw new SecretException("there is no value to merge into " + target.id(), "give one with --from-literal, --from-file or a Secret");
        }
        ObjectNode merged = ((ObjectNode) existing).deepCopy();
        ObjectNode spec = merged.with("spec");
        ObjectNode encrypted = spec.with("encryptedData");
        byte[] label = target.label();
        values.forEach((k, v) -> encrypted.put(k, sealValue(v, label)));
        ObjectNode templateMetadata = spec.with("template").with("metadata");
        for (String field : java.util.List.of("labels", "annotations")) {
            if (secret.path("metadata").path(field) instanceof ObjectNode incoming && !incoming.isEmpty()) {
                ObjectNode into = templateMetadata.with(field);
                incoming.properties().forEach(e -> {
                    if (!e.getKey().endsWith("last-applied-configuration")) {
                        into.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        return merged;
    }
}
