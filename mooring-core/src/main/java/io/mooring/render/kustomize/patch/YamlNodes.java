package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.mooring.resource.GoYamlWriter;
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
        return node == null || node.isMissingNode() || (node.isNull() && !(node instanceof MergeWalker.KeptNull));
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

    private static String contents(JsonNode node) {
        try {
            return GoYamlWriter.write(node).strip();
        } catch (IllegalArgumentException unprintable) {
            return node.toString();
        }
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

    /**
     * kyaml's error (v0.18, kustomize v5.5.0) when a node has another kind than the merge expects
     * there: it names the kinds and prints the node; the path, which kyaml leaves out, is in the hint.
     */
    static ManifestException wrongKind(String path, String expected, JsonNode node) {
        return new ManifestException(null, 0,
                "wrong node kind: expected " + expected + " but got " + kind(node) + ": node contents:\n" + contents(node),
                "make the patch and the resource agree on whether " + (path.isEmpty() ? "the document" : path)
                        + " is a map, a list or a value");
    }
}
