package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mooring.resource.SpelledNumber;
import io.mooring.resource.YamlNull;

/** Scalar values read as text, the way kustomize reads a YAML scalar's value. */
final class Scalars {
    private Scalars() {
    }

    /**
     * The text of a scalar; empty for null, maps and lists. A number read from YAML keeps the text
     * it was written with ({@code 1.50}, {@code 0x1F}), as kyaml does; other numbers are printed in
     * their shortest form.
     */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return "";
        }
        if (node instanceof SpelledNumber spelled) {
            return spelled.spelling();
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
     * The text kyaml reads from a node where it wants a string of any scalar (annotations, labels):
     * like {@link #text}, except that a null gives its spelling ("null", "~", or "" for an empty value).
     */
    static String nodeText(JsonNode node) {
        return node instanceof NullNode nullNode ? YamlNull.spelling(nullNode) : text(node);
    }
}
