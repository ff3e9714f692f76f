package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.resource.YamlTimestamp;

import java.util.Map;

/**
 * kustomize decodes an object into Go values before printing it. So an unquoted
 * {@code 2024-01-01} becomes a time.Time and prints as {@code "2024-01-01T00:00:00Z"}, and text
 * that a transformer put into a number's place fails the build. Values that kustomize itself wrote
 * as strings (annotations it rewrote, labels it added) are plain text and stay as they are.
 */
final class PrintedValues {
    private PrintedValues() {
    }

    /**
     * The tree with every timestamp scalar replaced by its RFC 3339 text (in place; returns the same node).
     *
     * @throws KustomizeException for a scalar whose text its type cannot hold
     */
    static JsonNode decode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(decode(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, decode(array.get(i)));
            }
        } else if (node instanceof ScalarRetyping.Untagged untagged) {
            return decode(untagged.resolved());
        } else if (node instanceof YamlTimestamp timestamp) {
            return TextNode.valueOf(timestamp.rfc3339());
        } else if (node instanceof ScalarRetyping.Undecodable undecodable) {
            throw new KustomizeException(undecodable.problem());
        }
        return node;
    }
}
