package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code SealedSecret} ({@code bitnami.com/v1alpha1}): the values of a Secret, each sealed for
 * the cluster's key, and a template for the Secret it becomes.
 *
 * @param name          its name, which the Secret takes
 * @param namespace     its namespace, which the Secret takes (the destination's when the manifest has none)
 * @param scope         the scope its annotations declare
 * @param encryptedData key to sealed value (base64), sorted
 * @param template      {@code spec.template}: metadata, type, immutable and data templates of the Secret
 * @param source        where it was read, for messages
 * @param line          its line in {@code source}, or 0
 */
public record SealedSecret(String name, String namespace, SealingScope scope, SortedMap<String, String> encryptedData,
                           ObjectNode template, String source, int line) {
    public static final String GROUP = "bitnami.com";
    public static final String API_VERSION = "bitnami.com/v1alpha1";
    public static final String KIND = "SealedSecret";

    public SealedSecret {
        encryptedData = Collections.unmodifiableSortedMap(new TreeMap<>(encryptedData));
    }

    public static boolean is(JsonNode object) {
        return SecretObjects.is(object, GROUP, KIND);
    }

    /**
     * Reads a SealedSecret.
     *
     * @param defaultNamespace the namespace it goes to when it names none
     * @throws SecretException when it is not one Mooring can unseal
     */
    public static SealedSecret parse(JsonNode object, String defaultNamespace, String source, int line) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = metadata.path("namespace").asText("");
        if (namespace.isEmpty()) {
            namespace = defaultNamespace;
        }
        String id = "SealedSecret " + namespace + "/" + name;
        if (name.isEmpty()) {
            throw new SecretException(source, line, "a SealedSecret has no metadata.name", "give it the name of the Secret it makes");
        }
        if (!API_VERSION.equals(object.path("apiVersion").asText())) {
            throw new SecretException(source, line, id + " has apiVersion " + object.path("apiVersion").asText()
                    + ", which Mooring does not read", "use " + API_VERSION);
        }
        JsonNode spec = object.path("spec");
        if (spec.hasNonNull("data")) {
            throw new SecretException(source, line, id + " uses spec.data, the format Sealed Secrets dropped before v0.9 (one sealed blob "
                    + "for the whole Secret)", "seal it again with 'mooring seal' or a current kubeseal, which write spec.encryptedData");
        }
        SortedMap<String, String> encrypted = new TreeMap<>();
        for (var field : spec.path("encryptedData").properties()) {
            if (!field.getValue().isTextual()) {
                throw new SecretException(source, line, id + ": spec.encryptedData." + field.getKey() + " is not a string", null);
            }
            encrypted.put(field.getKey(), field.getValue().asText());
        }
        ObjectNode template = spec.path("template") instanceof ObjectNode t ? t.deepCopy() : JsonNodeFactory.instance.objectNode();
        return new SealedSecret(name, namespace, SealingScope.of(metadata), encrypted, template, source, line);
    }

    /** {@code SealedSecret namespace/name}, for messages. */
    public String id() {
        return KIND + " " + namespace + "/" + name;
    }

    public byte[] label() {
        return scope.label(namespace, name);
    }
}
