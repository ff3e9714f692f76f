package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mooring.resource.WrittenScalar;
import io.mooring.resource.YamlNull;

/**
 * Scalar values read as text, the way kustomize reads a YAML scalar's value. Two readings: Go's
 * decoding into a string field, where a null is "" ({@link #text}), and kyaml's reading of a node's
 * own text, where a null is its spelling ({@link #nodeText}).
 */
final class Scalars {
    private Scalars() {
    }

    /**
     * The text of a scalar; empty for null, maps and lists. A scalar read from YAML keeps the text
     * it was written with ({@code 1.50}, {@code 0x1F}, {@code True}), as kyaml does; numbers made by
     * a build print in their shortest form.
     */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return "";
        }
        if (node instanceof WrittenScalar written) {
            return written.writtenText();
        }
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value) + ".0";
            }
            return Double.toString(value).replace("E", "e");
        }
        return node.asText();
    }

    /**
     * The text kyaml reads from a node where it wants a string of any scalar (annotations, labels,
     * var values, fields it edits as text): like {@link #text}, except that a null gives its
     * spelling ("null", "~", or "" for an empty value).
     */
    static String nodeText(JsonNode node) {
        return node instanceof NullNode nullNode ? YamlNull.spelling(nullNode) : text(node);
    }
}
