package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Field-level validation errors, worded as Kubernetes' {@code field.Error} words them: a field
 * path, a type ({@code Invalid value}, {@code Required value}, ...), the bad value (strings
 * quoted, numbers plain, anything else as JSON) and a detail. Collected, then thrown as one 422.
 */
public final class FieldErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ApiException.Cause> causes = new ArrayList<>();

    public FieldErrors required(String field, String detail) {
        return add("FieldValueRequired", field, "Required value", detail);
    }

    public FieldErrors forbidden(String field, String detail) {
        return add("FieldValueForbidden", field, "Forbidden", detail);
    }

    public FieldErrors invalid(String field, JsonNode value, String detail) {
        return add("FieldValueInvalid", field, "Invalid value: " + format(value), detail);
    }

    public FieldErrors invalid(String field, String value, String detail) {
        return invalid(field, TextNode.valueOf(value), detail);
    }

    public FieldErrors invalid(String field, long value, String detail) {
        return add("FieldValueInvalid", field, "Invalid value: " + value, detail);
    }

    public FieldErrors notSupported(String field, JsonNode value, List<String> supported) {
        String detail = supported.isEmpty() ? "" : "supported values: "
                + supported.stream().map(FieldErrors::quote).collect(Collectors.joining(", "));
        return add("FieldValueNotSupported", field, "Unsupported value: " + format(value), detail);
    }

    public FieldErrors notFound(String field, JsonNode value) {
        return add("FieldValueNotFound", field, "Not found: " + format(value), "");
    }

    public FieldErrors duplicate(String field, JsonNode value) {
        return add("FieldValueDuplicate", field, "Duplicate value: " + format(value), "");
    }

    public FieldErrors tooLong(String field, int maxBytes) {
        return add("FieldValueTooLong", field, "Too long", "may not be more than " + maxBytes + (maxBytes == 1 ? " byte" : " bytes"));
    }

    public FieldErrors tooMany(String field, int actual, int max) {
        return add("FieldValueTooMany", field, "Too many: " + actual, "must have at most " + max + (max == 1 ? " item" : " items"));
    }

    /** Adds every error of {@code other}. */
    public FieldErrors addAll(FieldErrors other) {
        causes.addAll(other.causes);
        return this;
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    public List<ApiException.Cause> causes() {
        return List.copyOf(causes);
    }

    /** Throws the 422 the API server answers with, when there is anything to say. */
    public void throwIfAny(String group, String kind, String name) {
        if (!causes.isEmpty()) {
            throw ApiException.invalid(group, kind, name, causes);
        }
    }

    private FieldErrors add(String type, String field, String body, String detail) {
        causes.add(new ApiException.Cause(type, detail.isEmpty() ? body : body + ": " + detail, field));
        return this;
    }

    /** A bad value as Go's field errors print it: %q for strings, %v for numbers and booleans, JSON otherwise. */
    static String format(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return quote(value.asText());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }

    /** Go's {@code strconv.Quote} for the characters that occur in Kubernetes values. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
