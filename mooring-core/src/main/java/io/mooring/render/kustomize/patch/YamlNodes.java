package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.mooring.resource.ManifestException;

/**
 * How kyaml sees a Jackson node: its YAML node kind, the text a YAML scalar holds, and whether it
 * counts as missing, null or empty. kyaml matches list elements by that text, so a quoted
 * {@code "8080"} and a number {@code 8080} are the same key.
 */
final class YamlNodes {
    private YamlNodes() {
    }

    /** kyaml's IsMissingOrNull: absent, or a null scalar. */
    static boolean isMissingOrNull(JsonNode node) {
        return node == null || node.isMissingNode() || (node.isNull() && node != MergeWalker.KEPT_NULL);
    }

    /** kyaml's IsEmptyMap: missing, null, or a map without entries. */
    static boolean isEmptyMap(JsonNode node) {
        return isMissingOrNull(node) || (node.isObject() && node.isEmpty());
    }

    /** kyaml's IsNilOrEmpty: missing, null, or an empty map or list. */
    static boolean isNilOrEmpty(JsonNode node) {
        return isMissingOrNull(node) || (node.isContainerNode() && node.isEmpty());
    }

    /** The scalar text of a node (yaml.Node.Value): "" for maps and lists, "null" for null. */
    static String text(JsonNode node) {
        if (node.isContainerNode()) {
            return "";
        }
        return node.isNull() ? "null" : node.asText();
    }

    /** kyaml's GetValue: the scalar text, "" for missing or null. */
    static String value(JsonNode node) {
        return isMissingOrNull(node) ? "" : text(node);
    }

    /** The YAML node kind name kyaml uses in messages. */
    static String kind(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case OBJECT -> "MappingNode";
            case ARRAY -> "SequenceNode";
            default -> "ScalarNode";
        };
    }

    /** kyaml's error when a node has another kind than the merge expects at that place. */
    static ManifestException wrongKind(String path, String expected, JsonNode node) {
        return new ManifestException(null, 0,
                "wrong Node Kind for " + path + " expected: " + expected + " was " + kind(node) + ": value: {" + node + "}",
                "make the patch and the resource agree on whether " + (path.isEmpty() ? "the document" : path)
                        + " is a map, a list or a value");
    }
}
