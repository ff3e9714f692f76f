package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.validation.FieldErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CRD version's {@code openAPIV3Schema} applied to a custom resource as the apiextensions
 * server applies it: unknown fields pruned (unless {@code x-kubernetes-preserve-unknown-fields}),
 * {@code default}s filled in, then the value checks (type, required, enum, bounds, lengths,
 * patterns, item counts). Pure functions over Jackson trees.
 */
public final class StructuralSchema {
    private static final Set<String> OBJECT_META = Set.of("apiVersion", "kind", "metadata");

    private StructuralSchema() {
    }

    /**
     * Removes the fields the schema does not describe, and nulls where it allows none; the
     * root's apiVersion, kind and metadata always stay.
     */
    public static void prune(ObjectNode object, JsonNode schema) {
        pruneObject(object, schema, true);
    }

    private static void prune(JsonNode value, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (value instanceof ObjectNode object) {
            pruneObject(object, schema, schema.path("x-kubernetes-embedded-resource").asBoolean(false));
        } else if (value instanceof ArrayNode array) {
            array.forEach(item -> prune(item, schema.path("items")));
        }
    }

    private static void pruneObject(ObjectNode object, JsonNode schema, boolean resource) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (resource && OBJECT_META.contains(field.getKey())) {
                continue;
            }
            JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey()) : additional.isObject() ? additional : null;
            if (fieldSchema != null) {
                // A null where the schema does not allow one is dropped (and may then be defaulted).
                if (field.getValue().isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
                    unknown.add(field.getKey());
                } else {
                    prune(field.getValue(), fieldSchema);
                }
            } else if (!preserve && !additional.asBoolean(false)) {
                unknown.add(field.getKey());
            }
        }
        object.remove(unknown);
    }

    /** Fills in every {@code default} the schema gives for fields the object lacks, recursively. */
    public static void applyDefaults(JsonNode value, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                JsonNode current = object.get(property.getKey());
                boolean missing = current == null || (current.isNull() && !property.getValue().path("nullable").asBoolean(false));
                if (missing && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey()) : schema.get("additionalProperties");
                if (fieldSchema != null && fieldSchema.isObject()) {
                    applyDefaults(field.getValue(), fieldSchema);
                }
            }
        } else if (value instanceof ArrayNode array) {
            array.forEach(item -> applyDefaults(item, schema.path("items")));
        }
    }

    /** The value checks of the schema; the root's metadata is the API's business, not the schema's. */
    public static void validate(ObjectNode object, JsonNode schema, FieldErrors errors) {
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!OBJECT_META.contains(field.getKey()) && properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), field.getKey(), errors);
            }
        }
        required(object, schema, "", errors);
    }

    private static void check(JsonNode value, JsonNode schema, String path, FieldErrors errors) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.invalid(path, "null", path + " in body must be of type " + schema.path("type").asText("object") + ": \"null\"");
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.invalid(path, typeName(value), path + " in body must be of type integer,string: \"" + typeName(value) + "\"");
            }
            return;
        }
        if (!type.isEmpty() && !hasType(value, type)) {
            errors.invalid(path, typeName(value), path + " in body must be of type " + type + ": \"" + typeName(value) + "\"");
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            List<String> supported = new ArrayList<>();
            schema.get("enum").forEach(e -> supported.add(e.asText()));
            errors.notSupported(path, value, supported);
        }
        if (value.isNumber()) {
            bounds(value, schema, path, errors);
        } else if (value.isTextual()) {
            text(value.asText(), schema, path, errors);
        } else if (value instanceof ArrayNode array) {
            if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
                int max = schema.get("maxItems").asInt();
                errors.tooMany(path, array.size(), max);
            }
            if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
                errors.invalid(path, array.size(), path + " in body should have at least " + schema.get("minItems").asInt() + " items");
            }
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), schema.path("items"), path + "[" + i + "]", errors);
            }
        } else if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), path + "." + field.getKey(), errors);
                } else if (additional.isObject()) {
                    check(field.getValue(), additional, path + "[" + field.getKey() + "]", errors);
                }
            }
            required(object, schema, path, errors);
        }
    }

    private static void required(ObjectNode object, JsonNode schema, String path, FieldErrors errors) {
        for (JsonNode name : schema.path("required")) {
            if (!object.has(name.asText())) {
                errors.required(path.isEmpty() ? name.asText() : path + "." + name.asText(), "");
            }
        }
    }

    private static void bounds(JsonNode value, JsonNode schema, String path, FieldErrors errors) {
        double number = value.asDouble();
        JsonNode minimum = schema.get("minimum");
        if (minimum != null) {
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? number <= minimum.asDouble() : number < minimum.asDouble()) {
                errors.invalid(path, value, path + " in body should be greater than " + (exclusive ? "" : "or equal to ") + goNumber(minimum));
            }
        }
        JsonNode maximum = schema.get("maximum");
        if (maximum != null) {
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? number >= maximum.asDouble() : number > maximum.asDouble()) {
                errors.invalid(path, value, path + " in body should be less than " + (exclusive ? "" : "or equal to ") + goNumber(maximum));
            }
        }
    }

    private static void text(String text, JsonNode schema, String path, FieldErrors errors) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.tooLong(path, schema.get("maxLength").asInt());
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.invalid(path, text, path + " in body should be at least " + schema.get("minLength").asInt() + " chars long");
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            try {
                if (!Pattern.compile(pattern).matcher(text).find()) {
                    errors.invalid(path, text, path + " in body should match '" + pattern + "'");
                }
            } catch (PatternSyntaxException e) {
                // A pattern Java cannot compile is not held against the object.
            }
        }
    }

    /** A bound as Go prints a float64 with %v: 1 rather than 1.0. */
    private static String goNumber(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }

    private static String typeName(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : value.isObject() ? "object" : "null";
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value) || (candidate.isNumber() && value.isNumber() && candidate.asDouble() == value.asDouble())) {
                return true;
            }
        }
        return false;
    }
}
