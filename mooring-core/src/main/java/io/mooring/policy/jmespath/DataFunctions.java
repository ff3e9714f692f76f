package io.mooring.policy.jmespath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.value.ImageReference;
import io.mooring.policy.value.Semver;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.mooring.policy.jmespath.Function.ArgType.ARRAY;
import static io.mooring.policy.jmespath.Function.ArgType.NUMBER;
import static io.mooring.policy.jmespath.Function.ArgType.OBJECT;
import static io.mooring.policy.jmespath.Function.ArgType.STRING;
import static io.mooring.policy.jmespath.Function.either;

/** Kyverno's functions over data: JSON and YAML parsing, lookups, labels, base64, paths, versions, images. */
final class DataFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataFunctions() {
    }

    static List<Function> all() {
        return List.of(
                Function.of("label_match", DataFunctions::labelMatch, OBJECT, OBJECT),
                Function.of("to_boolean", DataFunctions::toBoolean, STRING),
                Function.of("base64_decode", DataFunctions::base64Decode, STRING),
                Function.of("base64_encode", a -> TextNode.valueOf(Base64.getEncoder().encodeToString(a.string(0).getBytes(StandardCharsets.UTF_8))), STRING),
                Function.of("path_canonicalize", a -> TextNode.valueOf(cleanPath(a.string(0))), STRING),
                Function.of("semver_compare", DataFunctions::semverCompare, STRING, STRING),
                Function.of("parse_json", DataFunctions::parseJson, STRING),
                Function.of("parse_yaml", DataFunctions::parseYaml, STRING),
                Function.of("lookup", List.of(either(OBJECT, ARRAY), either(STRING, NUMBER)), DataFunctions::lookup),
                Function.of("items", List.of(either(OBJECT, ARRAY), either(STRING), either(STRING)), DataFunctions::items),
                Function.of("object_from_lists", DataFunctions::objectFromLists, ARRAY, ARRAY),
                Function.of("image_normalize", DataFunctions::imageNormalize, STRING));
    }

    private static JsonNode labelMatch(Arguments a) {
        JsonNode labels = a.node(0);
        JsonNode candidate = a.node(1);
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = candidate.get(entry.getKey());
            if (value == null || !JsonValues.deepEquals(value, entry.getValue())) {
                return BooleanNode.FALSE;
            }
        }
        return BooleanNode.TRUE;
    }

    private static JsonNode toBoolean(Arguments a) {
        return switch (a.string(0).toLowerCase()) {
            case "true" -> BooleanNode.TRUE;
            case "false" -> BooleanNode.FALSE;
            default -> throw a.error("lowercase argument must be 'true' or 'false' (provided: '" + a.string(0) + "')");
        };
    }

    private static JsonNode base64Decode(Arguments a) {
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(a.string(0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw a.error("illegal base64 data: " + e.getMessage());
        }
    }

    /** Go's filepath.Clean: no doubled slashes, no {@code .}, {@code ..} resolved where it can be. */
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.getLast().equals("..")) {
                    parts.removeLast();
                    continue;
                }
                if (rooted) {
                    continue;
                }
            }
            parts.add(part);
        }
        String cleaned = String.join("/", parts);
        if (rooted) {
            return "/" + cleaned;
        }
        return cleaned.isEmpty() ? "." : cleaned;
    }

    private static JsonNode semverCompare(Arguments a) {
        Semver version = Semver.parse(a.string(0));
        try {
            return BooleanNode.valueOf(Semver.inRange(version == null ? Semver.ZERO : version, a.string(1)));
        } catch (IllegalArgumentException e) {
            throw a.error(e.getMessage());
        }
    }

    private static JsonNode parseJson(Arguments a) {
        try {
            return JSON.readTree(a.string(0));
        } catch (JsonProcessingException e) {
            throw a.error("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parseYaml(Arguments a) {
        try {
            return new YamlReader().readOne("parse_yaml()", a.string(0));
        } catch (ManifestException e) {
            throw a.error("invalid YAML: " + e.problem());
        }
    }

    private static JsonNode lookup(Arguments a) {
        JsonNode collection = a.node(0);
        JsonNode key = a.node(1);
        if (collection.isObject()) {
            if (!key.isTextual()) {
                throw a.error("argument 2 must be a string to look up in an object");
            }
            return JsonValues.nullToNode(collection.get(key.textValue()));
        }
        if (!key.isNumber()) {
            throw a.error("argument 2 must be a number to look up in an array");
        }
        double index = key.doubleValue();
        if (index != Math.rint(index)) {
            throw a.error("argument 2 must be a whole number");
        }
        return index < 0 || index >= collection.size() ? NullNode.instance : collection.get((int) index);
    }

    private static JsonNode items(Arguments a) {
        JsonNode collection = a.node(0);
        String keyName = a.string(1);
        String valueName = a.string(2);
        ArrayNode out = JsonValues.array();
        if (collection.isObject()) {
            List<String> keys = new ArrayList<>();
            collection.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            for (String key : keys) {
                ObjectNode item = out.addObject();
                item.put(keyName, key);
                item.set(valueName, collection.get(key));
            }
        } else {
            for (int i = 0; i < collection.size(); i++) {
                ObjectNode item = out.addObject();
                item.put(keyName, (double) i);
                item.set(valueName, collection.get(i));
            }
        }
        return out;
    }

    private static JsonNode objectFromLists(Arguments a) {
        JsonNode keys = a.node(0);
        JsonNode values = a.node(1);
        ObjectNode out = JsonValues.object();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode key = keys.get(i);
            if (!key.isTextual() && !key.isNumber() && !key.isBoolean()) {
                throw a.error("argument 1 must be an array of strings");
            }
            String name = key.isNumber() ? StringFunctions.stringOf(key) : key.asText();
            out.set(name, i < values.size() ? values.get(i) : NullNode.instance);
        }
        return out;
    }

    private static JsonNode imageNormalize(Arguments a) {
        return ImageReference.parse(a.string(0))
                .map(image -> (JsonNode) TextNode.valueOf(image.reference()))
                .orElseThrow(() -> a.error("bad image: " + a.string(0)));
    }
}
