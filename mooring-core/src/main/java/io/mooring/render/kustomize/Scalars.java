package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.WrittenScalars;
import io.mooring.resource.YamlNull;

/** Scalar values read as text, the way kustomize reads a YAML scalar's value. */
final class Scalars {
    private Scalars() {
    }

    /**
     * The text of a scalar; empty for maps, lists and a null written as nothing (a null written as
     * {@code ~} reads as "~"). Numbers and booleans read as written ({@code 0x1F}, {@code True}), as
     * kustomize reads a scalar's text; numbers made by a build print in their shortest form.
     */
    static String text(JsonNode node) {
        if (node instanceof YamlNull written) {
            return written.text();
        }
        if (node instanceof WrittenScalars.Written written) {
            return written.writtenText();
        }
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return "";
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
}
