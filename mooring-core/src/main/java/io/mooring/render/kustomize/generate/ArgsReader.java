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
 * value, and a value of the wrong JSON type (a number where a string belongs, a string where a
 * boolean does) is an error worded as Go's JSON decoder words it. A kustomization also refuses
 * unknown keys; a builtin generator config file ignores them (see {@link Mode}).
 */
final class ArgsReader {
    /** How kustomize decodes the YAML: it decides unknown keys and the wording of errors. */
    enum Mode {
        /** A kustomization: decoded with unknown fields disallowed. */
        KUSTOMIZATION("invalid Kustomization: json: "),
        /** A builtin plugin config (kind ConfigMapGenerator): sigs.k8s.io/yaml, unknown fields ignored. */
        PLUGIN_CONFIG("error unmarshaling JSON: while decoding JSON: json: ");

        private final String errorPrefix;

        Mode(String errorPrefix) {
            this.errorPrefix = errorPrefix;
        }
    }

    private final String source;
    private final String path;
    private final String goPath;
    private final Mode mode;
    private final String goStruct;
    private final Map<String, JsonNode> fields = new HashMap<>();

    private ArgsReader(String source, String path, String goPath, Mode mode, String goStruct) {
        this.source = source;
        this.path = path;
        this.goPath = goPath;
        this.mode = mode;
        this.goStruct = goStruct;
    }

    /**
     * @param node     the entry (null or a YAML null reads as an empty entry)
     * @param source   the file, for messages
     * @param path     where the entry is in that file ({@code configMapGenerator[0]}), for messages
     * @param goPath   the entry's field path as Go's decoder names it ({@code configMapGenerator}; "" at the top)
     * @param goStruct the Go struct kustomize decodes the entry into ({@code ConfigMapArgs}), for messages
     * @param known    the field names the Go struct has
     */
    static ArgsReader of(JsonNode node, String source, String path, String goPath, Mode mode, String goStruct,
                         Collection<String> known) {
        ArgsReader reader = new ArgsReader(source, path, goPath, mode, goStruct);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return reader;
        }
        if (!(node instanceof ObjectNode object)) {
            // Only a kustomization's own fields (the entries of its lists, generatorOptions) get here.
            String into = goPath.isEmpty() ? "Go value" : "Go struct field Kustomization." + goPath;
            throw new ManifestException(source, 0, mode.errorPrefix + "cannot unmarshal " + jsonType(node)
                    + " into " + into + " of type types." + goStruct, path + ": expected a mapping, found " + typeName(node));
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = match(field.getKey(), known);
            if (name == null) {
                if (mode == Mode.KUSTOMIZATION) {
                    throw new ManifestException(source, 0,
                            mode.errorPrefix + "unknown field \"" + field.getKey() + "\" in " + path,
                            "the fields here are " + String.join(", ", known));
                }
                continue;
            }
            // Like Go's decoder, a later key that folds to the same field overwrites an earlier one.
            reader.fields.put(name, field.getValue());
        }
        return reader;
    }

    /** A reader for a nested mapping field ({@code options}, {@code metadata}) that Go decodes into {@code nestedStruct}. */
    ArgsReader nested(String name, String nestedStruct, Collection<String> known) {
        JsonNode value = present(name);
        if (value != null && !value.isObject()) {
            throw typeError(name, "types." + nestedStruct, path + "." + name, "expected a mapping", value);
        }
        return of(value, source, path + "." + name, field(name), mode, nestedStruct, known);
    }

    boolean has(String name) {
        return present(name) != null;
    }

    String string(String name) {
        JsonNode value = present(name);
        return value == null ? "" : text(value, name, path + "." + name);
    }

    List<String> strings(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw typeError(name, "[]string", path + "." + name, "expected a list of strings", value);
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            result.add(item.isNull() ? "" : text(item, name, path + "." + name + "[" + i + "]"));
        }
        return result;
    }

    Map<String, String> stringMap(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw typeError(name, "map[string]string", path + "." + name, "expected a mapping of strings", value);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode item = entry.getValue();
            result.put(entry.getKey(), item.isNull() ? "" : text(item, name, path + "." + name + "." + entry.getKey()));
        }
        return result;
    }

    boolean bool(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw typeError(name, "bool", path + "." + name, "expected true or false", value);
        }
        return value.booleanValue();
    }

    private JsonNode present(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private String text(JsonNode value, String field, String where) {
        if (value.isTextual()) {
            return value.textValue();
        }
        throw typeError(field, "string", where, "expected a string", value);
    }

    /** Go's decoder error, with where exactly the value is in the hint. */
    private ManifestException typeError(String field, String goType, String where, String expected, JsonNode value) {
        String hint = where + ": " + expected + ", found " + typeName(value)
                + (value.isValueNode() && goType.equals("string") ? "; quote the value" : "");
        return new ManifestException(source, 0, mode.errorPrefix + "cannot unmarshal " + jsonType(value)
                + " into Go struct field " + goStruct + "." + field(field) + " of type " + goType, hint);
    }

    private String field(String name) {
        return goPath.isEmpty() ? name : goPath + "." + name;
    }

    /** The JSON kind Go's decoder names in its errors. */
    private static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isArray() ? "array" : "object";
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
