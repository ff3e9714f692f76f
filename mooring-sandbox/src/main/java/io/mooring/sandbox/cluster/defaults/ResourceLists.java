package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Map;

/** Quantities in resource lists ({@code requests}, {@code limits}, {@code capacity}, ...) rewritten to their canonical form. */
final class ResourceLists {
    private ResourceLists() {
    }

    /**
     * Rewrites every quantity of the map at {@code field}.
     *
     * @throws IllegalArgumentException with the decoder's message when one is malformed
     */
    static void canonical(ObjectNode parent, String field, boolean roundToMilli) {
        if (parent == null || !(parent.get(field) instanceof ObjectNode list)) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : new ArrayList<>(list.properties())) {
            list.put(entry.getKey(), quantity(entry.getValue(), roundToMilli));
        }
    }

    static String quantity(JsonNode value, boolean roundToMilli) {
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
        return Quantity.canonical(text, roundToMilli);
    }
}
