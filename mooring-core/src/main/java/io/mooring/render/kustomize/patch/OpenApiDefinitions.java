package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code definitions} of an OpenAPI v2 (swagger) document into {@link SchemaNode}s, keeping
 * what kyaml's strategic merge looks at and, apart, what the API server's patch and apply read
 * (list and map types, formats). Descriptions and validation are dropped.
 */
final class OpenApiDefinitions {
    static final String REF_PREFIX = "#/definitions/";
    static final String GVK_EXTENSION = "x-kubernetes-group-version-kind";

    private OpenApiDefinitions() {
    }

    /** Every definition of {@code definitions} (the object under the document's "definitions"), by name. */
    static Map<String, SchemaNode> read(JsonNode definitions) {
        Map<String, SchemaNode> result = new TreeMap<>();
        definitions.properties().forEach(e -> result.put(e.getKey(), schema(e.getValue())));
        return result;
    }

    /** The schema of one OpenAPI schema object. */
    static SchemaNode schema(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            String text = ref.asText();
            // kyaml reads nothing beside a reference; the API server reads the field's own map
            // type, merge key and strategy.
            return SchemaNode.reference(text.startsWith(REF_PREFIX) ? text.substring(REF_PREFIX.length()) : text,
                    new SchemaNode.Extensions("", text(node.get("x-kubernetes-patch-merge-key")), "", List.of(),
                            text(node.get("x-kubernetes-map-type")), false, false, false, text(node.get("x-kubernetes-patch-strategy"))));
        }
        Map<String, SchemaNode> properties = new TreeMap<>();
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            props.properties().forEach(e -> {
                SchemaNode property = schema(e.getValue());
                if (property != null) {
                    properties.put(e.getKey(), property);
                }
            });
        }
        String strategy = text(node.get("x-kubernetes-patch-strategy"));
        return new SchemaNode(type(node.get("type")), null, schema(node.get("items")),
                schema(node.get("additionalProperties")), properties, strategy, mergeKeys(node, strategy), extensions(node));
    }

    // What the API server reads besides kyaml's keys: server-side apply's list and map types,
    // the single strategic merge key, formats and the structural-schema markers of CRDs.
    private static SchemaNode.Extensions extensions(JsonNode node) {
        List<String> listMapKeys = new ArrayList<>();
        JsonNode keys = node.get("x-kubernetes-list-map-keys");
        if (keys != null && keys.isArray()) {
            keys.forEach(k -> listMapKeys.add(k.asText()));
        }
        JsonNode additional = node.get("additionalProperties");
        return new SchemaNode.Extensions(text(node.get("format")), text(node.get("x-kubernetes-patch-merge-key")),
                text(node.get("x-kubernetes-list-type")), List.copyOf(listMapKeys), text(node.get("x-kubernetes-map-type")),
                flag(node.get("x-kubernetes-preserve-unknown-fields")), flag(node.get("x-kubernetes-embedded-resource")),
                additional != null && additional.isBoolean() && additional.asBoolean(), "");
    }

    private static boolean flag(JsonNode node) {
        return node != null && node.isBoolean() && node.asBoolean();
    }

    /** The apiVersion/kind pairs a definition declares in {@code x-kubernetes-group-version-kind}. */
    static List<String[]> groupVersionKinds(JsonNode definition) {
        List<String[]> result = new ArrayList<>();
        JsonNode gvks = definition.get(GVK_EXTENSION);
        if (gvks == null || !gvks.isArray()) {
            return result;
        }
        for (JsonNode gvk : gvks) {
            String group = text(gvk.get("group"));
            String version = text(gvk.get("version"));
            String kind = text(gvk.get("kind"));
            if (!version.isEmpty() && !kind.isEmpty()) {
                result.add(new String[] {group.isEmpty() ? version : group + "/" + version, kind});
            }
        }
        return result;
    }

    /**
     * Whether each kind is namespaced, by {@code apiVersion + " " + kind}, as kyaml's
     * findNamespaceability tells it from a document's paths: a {@code namespaces/{namespace}} GET
     * path makes a kind namespaced.
     */
    static Map<String, Boolean> scopes(JsonNode paths) {
        Map<String, Boolean> scopes = new HashMap<>();
        paths.properties().forEach(e -> {
            JsonNode gvk = e.getValue().path("get").path(GVK_EXTENSION);
            if (!gvk.isObject()) {
                return;
            }
            String group = gvk.path("group").asText("");
            String version = gvk.path("version").asText("");
            String key = SchemaTable.kindKey(group.isEmpty() ? version : group + "/" + version, gvk.path("kind").asText(""));
            if (e.getKey().contains("namespaces/{namespace}")) {
                scopes.put(key, true);
            } else {
                scopes.putIfAbsent(key, false);
            }
        });
        return scopes;
    }

    // kyaml takes the list-map keys when there are several, the single merge key otherwise, and
    // neither when the field has no patch strategy.
    private static List<String> mergeKeys(JsonNode node, String strategy) {
        if (strategy.isEmpty()) {
            return List.of();
        }
        JsonNode listKeys = node.get("x-kubernetes-list-map-keys");
        if (listKeys != null && listKeys.isArray()) {
            List<String> keys = new ArrayList<>();
            listKeys.forEach(k -> keys.add(k.asText()));
            return List.copyOf(keys);
        }
        String key = text(node.get("x-kubernetes-patch-merge-key"));
        return key.isEmpty() ? List.of() : List.of(key);
    }

    // A type list with one entry counts as that type; kyaml treats any other list as "not an array".
    private static String type(JsonNode type) {
        if (type == null) {
            return "";
        }
        if (type.isArray()) {
            return type.size() == 1 ? type.get(0).asText() : "";
        }
        return type.asText();
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() ? "" : node.asText();
    }
}
