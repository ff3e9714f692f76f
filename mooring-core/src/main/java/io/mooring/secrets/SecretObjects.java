package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Kubernetes Secret objects as Jackson trees: their values in and out, the metadata that may travel with them. */
public final class SecretObjects {
    /** Metadata the API server sets, or that would carry a copy of the values (kubectl's last-applied annotation). */
    private static final List<String> SERVER_METADATA = List.of("creationTimestamp", "resourceVersion", "uid", "generation",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "generateName");
    private static final List<String> COPYING_ANNOTATIONS = List.of("kubectl.kubernetes.io/last-applied-configuration",
            "kubecfg.ksonnet.io/last-applied-configuration");

    private SecretObjects() {
    }

    public static boolean isSecret(JsonNode object) {
        return "v1".equals(object.path("apiVersion").asText()) && "Secret".equals(object.path("kind").asText());
    }

    /** Whether {@code object} is of {@code kind} in API group {@code group}, at any version. */
    public static boolean is(JsonNode object, String group, String kind) {
        return kind.equals(object.path("kind").asText()) && object.path("apiVersion").asText().startsWith(group + "/");
    }

    /**
     * A Secret's values, decoded: {@code data} (base64) and {@code stringData} (text, which wins, as
     * the API server merges them), sorted by key.
     *
     * @throws IllegalArgumentException naming the key whose data is not base64
     */
    public static SortedMap<String, byte[]> values(JsonNode secret) {
        SortedMap<String, byte[]> values = new TreeMap<>();
        secret.path("data").properties().forEach(e -> {
            try {
                values.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("data." + e.getKey() + " is not base64 (put text under stringData instead)");
            }
        });
        secret.path("stringData").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return values;
    }

    /** Values as text, for templates. */
    public static Map<String, String> text(Map<String, byte[]> values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    /** Metadata a user wrote, without what the server set or what would copy the values. */
    public static ObjectNode userMetadata(JsonNode metadata) {
        ObjectNode copy = metadata instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
        copy.remove(SERVER_METADATA);
        if (copy.path("annotations") instanceof ObjectNode annotations) {
            annotations.remove(COPYING_ANNOTATIONS);
            if (annotations.isEmpty()) {
                copy.remove("annotations");
            }
        }
        copy.properties().removeIf(e -> e.getValue().isNull());
        return copy;
    }

    /**
     * A Secret named {@code name} in {@code namespace} with {@code values}; labels and annotations
     * from {@code metadata} (a template's), type and immutable when given.
     */
    public static ObjectNode secret(String name, String namespace, JsonNode metadata, String type, JsonNode immutable,
                                    Map<String, byte[]> values) {
        ObjectNode secret = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode meta = secret.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", namespace);
        for (String field : List.of("labels", "annotations")) {
            if (metadata.path(field) instanceof ObjectNode map && !map.isEmpty()) {
                meta.set(field, map.deepCopy());
            }
        }
        if (type != null && !type.isEmpty()) {
            secret.put("type", type);
        }
        if (immutable != null && immutable.isBoolean()) {
            secret.put("immutable", immutable.booleanValue());
        }
        ObjectNode data = secret.putObject("data");
        new TreeMap<>(values).forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
        return secret;
    }
}
