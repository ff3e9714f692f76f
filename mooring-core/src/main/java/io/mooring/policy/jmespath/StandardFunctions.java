package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.value.GoText;
import io.mooring.resource.GoJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static io.mooring.policy.jmespath.Function.ArgType.ANY;
import static io.mooring.policy.jmespath.Function.ArgType.ARRAY;
import static io.mooring.policy.jmespath.Function.ArgType.ARRAY_NUMBER;
import static io.mooring.policy.jmespath.Function.ArgType.ARRAY_STRING;
import static io.mooring.policy.jmespath.Function.ArgType.EXPREF;
import static io.mooring.policy.jmespath.Function.ArgType.NUMBER;
import static io.mooring.policy.jmespath.Function.ArgType.OBJECT;
import static io.mooring.policy.jmespath.Function.ArgType.STRING;
import static io.mooring.policy.jmespath.Function.either;

/** The functions of the JMESPath specification, with go-jmespath's behaviour. */
final class StandardFunctions {
    private StandardFunctions() {
    }

    static List<Function> all() {
        return List.of(
                Function.of("abs", a -> JsonValues.number(Math.abs(a.number(0))), NUMBER),
                Function.of("avg", StandardFunctions::avg, ARRAY_NUMBER),
                Function.of("ceil", a -> JsonValues.number(Math.ceil(a.number(0))), NUMBER),
                Function.of("floor", a -> JsonValues.number(Math.floor(a.number(0))), NUMBER),
                Function.of("contains", List.of(either(ARRAY, STRING), either(ANY)), StandardFunctions::contains),
                Function.of("ends_with", a -> BooleanNode.valueOf(a.string(0).endsWith(a.string(1))), STRING, STRING),
                Function.of("starts_with", a -> BooleanNode.valueOf(a.string(0).startsWith(a.string(1))), STRING, STRING),
                Function.of("join", StandardFunctions::join, STRING, ARRAY_STRING),
                Function.of("keys", StandardFunctions::keys, OBJECT),
                Function.of("values", StandardFunctions::values, OBJECT),
                Function.of("length", List.of(either(STRING, ARRAY, OBJECT)), StandardFunctions::length),
                Function.of("map", StandardFunctions::map, EXPREF, ARRAY),
                Function.of("max", List.of(either(ARRAY_NUMBER, ARRAY_STRING)), a -> extreme(a, true)),
                Function.of("min", List.of(either(ARRAY_NUMBER, ARRAY_STRING)), a -> extreme(a, false)),
                Function.of("max_by", a -> extremeBy(a, true), ARRAY, EXPREF),
                Function.of("min_by", a -> extremeBy(a, false), ARRAY, EXPREF),
                new Function("merge", List.of(either(OBJECT)), true, StandardFunctions::merge),
                new Function("not_null", List.of(either(ANY)), true, StandardFunctions::notNull),
                Function.of("reverse", List.of(either(ARRAY, STRING)), StandardFunctions::reverse),
                Function.of("sort", List.of(either(ARRAY_NUMBER, ARRAY_STRING)), StandardFunctions::sort),
                Function.of("sort_by", StandardFunctions::sortBy, ARRAY, EXPREF),
                Function.of("sum", StandardFunctions::sum, ARRAY_NUMBER),
                Function.of("to_array", a -> a.node(0).isArray() ? a.node(0) : JsonValues.array().add(a.node(0)), ANY),
                Function.of("to_number", StandardFunctions::toNumber, ANY),
                Function.of("to_string", a -> a.node(0).isTextual() ? a.node(0) : TextNode.valueOf(GoJson.write(a.node(0))), ANY),
                Function.of("type", a -> TextNode.valueOf(JsonValues.typeName(a.node(0))), ANY));
    }

    private static JsonNode avg(Arguments a) {
        JsonNode array = a.node(0);
        if (array.isEmpty()) {
            return NullNode.instance;
        }
        double total = 0;
        for (JsonNode n : array) {
            total += n.doubleValue();
        }
        return JsonValues.number(total / array.size());
    }

    private static JsonNode sum(Arguments a) {
        double total = 0;
        for (JsonNode n : a.node(0)) {
            total += n.doubleValue();
        }
        return JsonValues.number(total);
    }

    private static JsonNode contains(Arguments a) {
        JsonNode subject = a.node(0);
        JsonNode search = a.node(1);
        if (subject.isTextual()) {
            return BooleanNode.valueOf(search.isTextual() && subject.textValue().contains(search.textValue()));
        }
        for (JsonNode item : subject) {
            if (JsonValues.deepEquals(item, search)) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }

    private static JsonNode join(Arguments a) {
        List<String> parts = new ArrayList<>();
        a.node(1).forEach(n -> parts.add(n.textValue()));
        return TextNode.valueOf(String.join(a.string(0), parts));
    }

    private static JsonNode keys(Arguments a) {
        ArrayNode out = JsonValues.array();
        a.node(0).fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode values(Arguments a) {
        ArrayNode out = JsonValues.array();
        a.node(0).forEach(out::add);
        return out;
    }

    private static JsonNode length(Arguments a) {
        JsonNode value = a.node(0);
        return JsonValues.number(value.isTextual() ? value.textValue().codePointCount(0, value.textValue().length()) : value.size());
    }

    private static JsonNode map(Arguments a) {
        ArrayNode out = JsonValues.array();
        a.node(1).forEach(item -> out.add(a.apply(0, item)));
        return out;
    }

    private static JsonNode extreme(Arguments a, boolean max) {
        JsonNode best = null;
        for (JsonNode item : a.node(0)) {
            if (best == null || compare(item, best) * (max ? 1 : -1) > 0) {
                best = item;
            }
        }
        return best == null ? NullNode.instance : best;
    }

    private static JsonNode extremeBy(Arguments a, boolean max) {
        JsonNode best = null;
        JsonNode bestKey = null;
        for (JsonNode item : a.node(0)) {
            JsonNode key = sortKey(a, item);
            if (bestKey == null || compare(key, bestKey) * (max ? 1 : -1) > 0) {
                best = item;
                bestKey = key;
            }
        }
        return best == null ? NullNode.instance : best;
    }

    private static JsonNode sortKey(Arguments a, JsonNode item) {
        JsonNode key = a.apply(1, item);
        if (!key.isNumber() && !key.isTextual()) {
            throw a.error("the expression must give a number or a string, got " + JsonValues.typeName(key));
        }
        return key;
    }

    private static int compare(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (x.isTextual() && y.isTextual()) {
            return x.textValue().compareTo(y.textValue());
        }
        throw new JmesPathException("cannot compare " + JsonValues.typeName(x) + " with " + JsonValues.typeName(y));
    }

    private static JsonNode merge(Arguments a) {
        ObjectNode out = JsonValues.object();
        for (int i = 0; i < a.size(); i++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.node(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.set(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    private static JsonNode notNull(Arguments a) {
        for (int i = 0; i < a.size(); i++) {
            if (!JsonValues.isNull(a.node(i))) {
                return a.node(i);
            }
        }
        return NullNode.instance;
    }

    private static JsonNode reverse(Arguments a) {
        JsonNode value = a.node(0);
        if (value.isTextual()) {
            return TextNode.valueOf(new StringBuilder(value.textValue()).reverse().toString());
        }
        ArrayNode out = JsonValues.array();
        for (int i = value.size() - 1; i >= 0; i--) {
            out.add(value.get(i));
        }
        return out;
    }

    private static JsonNode sort(Arguments a) {
        List<JsonNode> items = new ArrayList<>();
        a.node(0).forEach(items::add);
        items.sort(StandardFunctions::compare);
        return JsonValues.array().addAll(items);
    }

    private static JsonNode sortBy(Arguments a) {
        List<JsonNode[]> keyed = new ArrayList<>();
        for (JsonNode item : a.node(0)) {
            keyed.add(new JsonNode[] {sortKey(a, item), item});
        }
        keyed.sort(Comparator.comparing((JsonNode[] pair) -> pair[0], StandardFunctions::compare));
        ArrayNode out = JsonValues.array();
        keyed.forEach(pair -> out.add(pair[1]));
        return out;
    }

    private static JsonNode toNumber(Arguments a) {
        JsonNode value = a.node(0);
        if (value.isNumber()) {
            return value;
        }
        if (value.isTextual()) {
            OptionalDouble number = GoText.parseFloat(value.textValue());
            return number.isPresent() ? JsonValues.number(number.getAsDouble()) : NullNode.instance;
        }
        return NullNode.instance;
    }
}
