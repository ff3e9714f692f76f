package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.WrittenScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An RFC 6902 JSON patch applied the way kustomize v5.5.0 applies it (api/filters/patchjson6902,
 * which uses evanphx/json-patch v4.12.0 with its defaults). That library departs from the RFC,
 * and kustomize's output shows it, so this follows the library, not the RFC:
 * <ul>
 *   <li>{@code replace} of a missing object key adds it (only array indexes are checked);</li>
 *   <li>negative array indexes count from the end; {@code -} appends, but only for {@code add};</li>
 *   <li>a null value along a path counts as missing; {@code copy} from a missing key copies null;</li>
 *   <li>{@code test} compares values as JSON: numbers by value, objects by their keys;</li>
 *   <li>the path's first segment is whatever precedes the first {@code /}, so "a/b" means "/b".</li>
 * </ul>
 * The resource also goes through JSON on the way, so every number comes out as a float64 would:
 * integers beyond 2<sup>53</sup> lose precision. Error messages are the library's.
 *
 * <p>Existing libraries (zjsonpatch, java-json-tools json-patch) implement the RFC, which refuses
 * a {@code replace} of a missing key and negative indexes; kustomize accepts both, so this is
 * written here rather than wrapped.
 */
public final class JsonPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<JsonNode> operations;

    private JsonPatch(List<JsonNode> operations) {
        this.operations = operations;
    }

    /**
     * A patch from its operations (the parsed JSON or YAML list).
     *
     * @throws ManifestException when it is not a list of objects
     */
    public static JsonPatch of(JsonNode operations) {
        if (operations == null || !operations.isArray()) {
            throw new ManifestException(null, 0, "a JSON patch must be a list of operations",
                    "write it as a list: - op: replace ...");
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject() && !operation.isNull()) {
                throw new ManifestException(null, 0, "a JSON patch operation must be an object, not " + operation,
                        "give each operation op, path and, where needed, value or from");
            }
            list.add(operation);
        }
        return new JsonPatch(List.copyOf(list));
    }

    /**
     * The document with every operation applied in order; {@code document} is not changed.
     *
     * @throws ManifestException with the library's message when an operation does not apply
     */
    public JsonNode apply(JsonNode document) {
        JsonNode doc = document.deepCopy();
        for (JsonNode operation : operations) {
            String op = text(operation.get("op"));
            switch (op == null ? "unknown" : op) {
                case "add" -> add(doc, operation);
                case "remove" -> remove(doc, operation);
                case "replace" -> replace(doc, operation);
                case "move" -> move(doc, operation);
                case "test" -> test(doc, operation);
                case "copy" -> copy(doc, operation);
                default -> throw fail("Unexpected kind: " + (op == null ? "unknown" : op));
            }
        }
        return asFloat64(doc);
    }

    private void add(JsonNode doc, JsonNode operation) {
        String path = path(operation, "add operation failed to decode path: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("add operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        target.add(value(operation), "error in add for path: '" + path + "'");
    }

    private void remove(JsonNode doc, JsonNode operation) {
        String path = path(operation, "remove operation failed to decode path: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        target.remove("error in remove for path: '" + path + "'");
    }

    private void replace(JsonNode doc, JsonNode operation) {
        String path = path(operation, "replace operation failed to decode path: operation missing path field: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("replace operation does not apply: doc is missing path: " + path + ": missing value");
        }
        if (!target.canGet()) {
            throw fail("replace operation does not apply: doc is missing key: " + path + ": missing value");
        }
        target.set(value(operation), "error in remove for path: '" + path + "'");
    }

    private void move(JsonNode doc, JsonNode operation) {
        String from = from(operation, "move operation failed to decode from: operation, missing from field: missing value");
        PatchLocation source = PatchLocation.find(doc, from);
        if (source == null) {
            throw fail("move operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode value = source.get("error in move for path: '" + source.key() + "'");
        source.remove("error in move for path: '" + source.key() + "'");
        String path = path(operation, "move operation failed to decode path: operation missing path field: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("move operation does not apply: doc is missing destination path: " + path + ": missing value");
        }
        target.add(value, "error in move for path: '" + path + "'");
    }

    private void copy(JsonNode doc, JsonNode operation) {
        String from = from(operation, "copy operation failed to decode from: operation, missing from field: missing value");
        PatchLocation source = PatchLocation.find(doc, from);
        if (source == null) {
            throw fail("copy operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode value = source.get("error in copy for from: '" + from + "'");
        String path = path(operation, "copy operation failed to decode path: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("copy operation does not apply: doc is missing destination path: " + path + ": missing value");
        }
        target.add(value == null ? null : value.deepCopy(), "error while adding value during copy");
    }

    private void test(JsonNode doc, JsonNode operation) {
        String path = path(operation, "test operation failed to decode path: operation missing path field: missing value");
        PatchLocation target = PatchLocation.find(doc, path);
        if (target == null) {
            throw fail("test operation does not apply: is missing path: " + path + ": missing value");
        }
        JsonNode actual = target.get("error in test for path: '" + path + "'");
        JsonNode expected = operation.get("value");
        boolean passes = YamlNodes.isMissingOrNull(actual)
                ? expected != null && expected.isNull()
                : expected != null && sameValue(actual, expected);
        if (!passes) {
            throw fail("testing value " + path + " failed: test failed");
        }
    }

    // The library's lazyNode.equal: objects need the same keys with equal values.
    private static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual.isObject()) {
            if (!expected.isObject() || actual.size() != expected.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode other = expected.get(entry.getKey());
                if (other == null) {
                    return false;
                }
                boolean bothNull = entry.getValue().isNull() && other.isNull();
                if (!bothNull && (entry.getValue().isNull() || !sameValue(entry.getValue(), other))) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isArray()) {
            if (!expected.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < actual.size(); i++) {
                if (!sameValue(actual.get(i), expected.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static JsonNode value(JsonNode operation) {
        JsonNode value = operation.get("value");
        return value == null ? null : value.deepCopy();
    }

    private static String path(JsonNode operation, String whenMissing) {
        String path = text(operation.get("path"));
        if (path == null) {
            throw fail(whenMissing);
        }
        return path;
    }

    private static String from(JsonNode operation, String whenMissing) {
        String from = text(operation.get("from"));
        if (from == null) {
            throw fail(whenMissing);
        }
        return from;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    static ManifestException fail(String problem) {
        return new ManifestException(null, 0, problem,
                "check the operation's path against the resource it patches (paths are like /spec/template/spec/containers/0/image)");
    }

    // kustomize decodes the patched JSON into Go values, where every number is a float64.
    private static JsonNode asFloat64(JsonNode node) {
        if (node.isObject()) {
            ObjectNode result = NODES.objectNode();
            node.fields().forEachRemaining(e -> result.set(e.getKey(), asFloat64(e.getValue())));
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = NODES.arrayNode();
            node.forEach(element -> result.add(asFloat64(element)));
            return result;
        }
        if (node.isNull()) {
            // A null comes back from JSON as "null", however the YAML spelt it.
            return NullNode.instance;
        }
        if (node.isBoolean()) {
            // Likewise a boolean as true or false (True is true).
            return BooleanNode.valueOf(node.booleanValue());
        }
        if (!node.isNumber()) {
            return node;
        }
        double value = node.doubleValue();
        if (Double.isInfinite(value) || value != Math.rint(value)) {
            return NODES.numberNode(value);
        }
        if (node.isIntegralNumber() && Math.abs(value) < 0x1p53) {
            // A number comes back from JSON as digits, however the YAML spelt it (0x1F is 31).
            return node instanceof WrittenScalar ? NODES.numberNode(node.longValue()) : node;
        }
        if (Math.abs(value) >= 1e21) {
            // Go writes such a float64 in exponent form, which reads back as a float.
            return NODES.numberNode(value);
        }
        // Go writes the shortest decimal that reads back as the same float64 (as Java's
        // Double.toString does), so 12345678901234567890 comes out as 12345678901234567000.
        BigInteger whole = new BigDecimal(Double.toString(value)).toBigIntegerExact();
        return whole.bitLength() < 64 ? NODES.numberNode(whole.longValue()) : NODES.numberNode(whole);
    }
}
