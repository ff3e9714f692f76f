package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code $(VAR)} in the fields kustomize's varReference config names, with the value of
 * the field each var points at, read after all renames. A field that is exactly one var takes the
 * value's type (a port stays a number); {@code $$} escapes a dollar; unknown vars stay as written.
 */
record VarResolver(List<Var> vars, List<FieldSpec> specs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        if (vars.isEmpty()) {
            return;
        }
        Map<String, JsonNode> values = new HashMap<>();
        for (Var v : vars) {
            values.put(v.name(), valueOf(v, resources));
        }
        for (Resource resource : resources.resources()) {
            for (FieldSpec spec : specs) {
                FieldPaths.apply(resource.object(), spec, FieldPaths.Create.NONE, slot -> expandIn(slot, values));
            }
        }
    }

    private static JsonNode valueOf(Var v, ResMap resources) {
        for (Resource resource : resources.resources()) {
            if (resource.refVarNames().contains(v.name())) {
                JsonNode value = FieldLookup.get(resource.object(), v.fieldPath());
                if (value == null || value.isMissingNode() || !readableAsGo(value)) {
                    throw new KustomizeException("field specified in var '" + v + "' not found in corresponding resource");
                }
                // A null reads as its text, as kustomize reads a scalar it does not know the type of.
                return value.isNull() ? TextNode.valueOf(Scalars.nodeText(value)) : value;
            }
        }
        throw new KustomizeException("var '" + v + "' cannot be mapped to a field in the set of known resources");
    }

    /**
     * kustomize reads a number by Go's strconv on its written text: {@code 0x1F} or {@code 1_000}
     * is then no value at all, and the var counts as not found.
     */
    private static boolean readableAsGo(JsonNode value) {
        String text = Scalars.text(value);
        try {
            if (value.isIntegralNumber()) {
                Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } else if (value.isFloatingPointNumber()) {
                Double.parseDouble(text);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void expandIn(FieldPaths.Slot slot, Map<String, JsonNode> values) {
        JsonNode node = slot.get();
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual()) {
            slot.set(expand(node.asText(), values));
        } else if (node instanceof ObjectNode map) {
            map.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    e.setValue(expand(e.getValue().asText(), values));
                }
            });
        } else if (node instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw new KustomizeException("invalid value type expect a string");
                }
                list.set(i, expand(list.get(i).asText(), values));
            }
        }
    }

    /** Kubernetes' $(VAR) expansion, as kustomize applies it. */
    static JsonNode expand(String input, Map<String, JsonNode> values) {
        StringBuilder out = new StringBuilder();
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) {
                continue;
            }
            out.append(input, checkpoint, cursor);
            char next = input.charAt(cursor + 1);
            int advance = 1;
            if (next == '$') {
                out.append('$');
            } else if (next == '(') {
                int close = input.indexOf(')', cursor + 2);
                if (close < 0) {
                    out.append("$(");
                } else {
                    String name = input.substring(cursor + 2, close);
                    JsonNode value = values.get(name);
                    boolean usable = value != null && (value.isTextual() || value.isNumber() || value.isBoolean());
                    if (usable && input.equals("$(" + name + ")")) {
                        return typed(value);
                    }
                    out.append(usable ? goText(value) : "$(" + name + ")");
                    advance = close - cursor;
                }
            } else {
                out.append('$').append(next);
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        out.append(input.substring(Math.min(checkpoint, input.length())));
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode typed(JsonNode value) {
        if (value.isIntegralNumber()) {
            return LongNode.valueOf(value.longValue());
        }
        if (value.isNumber()) {
            return DoubleNode.valueOf(value.doubleValue());
        }
        if (value.isBoolean()) {
            return BooleanNode.valueOf(value.booleanValue());
        }
        return TextNode.valueOf(value.asText());
    }

    private static String goText(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            return GoFloats.formatG(value.doubleValue());
        }
        return value.asText();
    }
}
