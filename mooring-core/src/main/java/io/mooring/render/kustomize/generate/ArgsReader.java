package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one generator entry the way kustomize decodes them into its Go structs:
 * keys match field names case-insensitively (Go's encoding/json), a null leaves a field at its zero
 * value, and in strict mode (a kustomization, decoded with unknown fields disallowed and no type
 * conversion) an unknown key or a number where a string belongs is an error. In lenient mode (a
 * builtin generator config file, decoded by sigs.k8s.io/yaml) unknown keys are ignored and numbers
 * and booleans are taken as their text.
 */
final class ArgsReader {
    private final String source;
    private final String path;
    private final boolean strict;
    private final Map<String, JsonNode> fields = new HashMap<>();

    private ArgsReader(String source, String path, boolean strict) {
        this.source = source;
        this.path = path;
        this.strict = strict;
    }

    /**
     * @param node   the entry (null or a YAML null reads as an empty entry)
     * @param source the file, for messages
     * @param path   where the entry is in that file ({@code configMapGenerator[0]}), for messages
     * @param known  the field names the Go struct has
     */
    static ArgsReader of(JsonNode node, String source, String path, boolean strict, Collection<String> known) {
        ArgsReader reader = new ArgsReader(source, path, strict);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return reader;
        }
        if (!(node instanceof ObjectNode object)) {
            throw reader.error(path, "expected a mapping, found " + typeName(node));
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = match(field.getKey(), known);
            if (name == null) {
                if (strict) {
                    throw new ManifestException(source, 0,
                            "invalid Kustomization: json: unknown field \"" + field.getKey() + "\" in " + path,
                            "the fields here are " + String.join(", ", known));
                }
                continue;
            }
            // Like Go's decoder, a later key that folds to the same field overwrites an earlier one.
            reader.fields.put(name, field.getValue());
        }
        return reader;
    }

    /** A reader for a nested mapping field ({@code options}, {@code metadata}). */
    ArgsReader nested(String name, Collection<String> known) {
        JsonNode value = present(name);
        if (value != null && !value.isObject()) {
            throw error(path + "." + name, "expected a mapping, found " + typeName(value));
        }
        return of(value, source, path + "." + name, strict, known);
    }

    boolean has(String name) {
        return present(name) != null;
    }

    String string(String name) {
        JsonNode value = present(name);
        return value == null ? "" : text(value, path + "." + name);
    }

    List<String> strings(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(path + "." + name, "expected a list of strings, found " + typeName(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            result.add(item.isNull() ? "" : text(item, path + "." + name + "[" + i + "]"));
        }
        return result;
    }

    Map<String, String> stringMap(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw error(path + "." + name, "expected a mapping of strings, found " + typeName(value));
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode item = entry.getValue();
            result.put(entry.getKey(), item.isNull() ? "" : text(item, path + "." + name + "." + entry.getKey()));
        }
        return result;
    }

    boolean bool(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(path + "." + name, "expected true or false, found " + typeName(value));
        }
        return value.booleanValue();
    }

    private JsonNode present(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private String text(JsonNode value, String where) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (!strict && (value.isNumber() || value.isBoolean())) {
            return value.asText();
        }
        throw error(where, "expected a string, found " + typeName(value),
                value.isContainerNode() ? null : "quote the value: a kustomization takes it only as a string");
    }

    private ManifestException error(String where, String problem) {
        return error(where, problem, null);
    }

    private ManifestException error(String where, String problem, String hint) {
        return new ManifestException(source, 0, where + ": " + problem, hint);
    }

    private static String match(String key, Collection<String> known) {
        if (known.contains(key)) {
            return key;
        }
        for (String name : known) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return null;
    }

    private static String typeName(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a mapping" : "null";
    }
}
