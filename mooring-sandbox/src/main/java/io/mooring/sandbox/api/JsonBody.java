package io.mooring.sandbox.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON request body read as Go's decoder reads it: a key given twice keeps its last value, and
 * every repetition is noted (with the strict decoder's path, e.g.
 * {@code spec.template.spec.containers[0].image}) for field validation to report.
 *
 * @param tree       the body
 * @param duplicates the repeated keys, in document order
 */
record JsonBody(JsonNode tree, List<FieldValidation.Duplicate> duplicates) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the body is JSON rather than YAML (JSON is YAML too, but YAML's reader refuses repeated keys). */
    static boolean isJson(String body) {
        String start = body.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    static JsonBody read(String body) throws IOException {
        List<FieldValidation.Duplicate> duplicates = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("the body is empty");
            }
            JsonNode tree = value(parser, "", duplicates);
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value at line " + parser.currentLocation().getLineNr());
            }
            return new JsonBody(tree, List.copyOf(duplicates));
        }
    }

    private static JsonNode value(JsonParser parser, String path, List<FieldValidation.Duplicate> duplicates) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JSON.createObjectNode();
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = parser.currentLocation().getLineNr();
                String child = path.isEmpty() ? key : path + "." + key;
                parser.nextToken();
                JsonNode v = value(parser, child, duplicates);
                if (!seen.add(key)) {
                    duplicates.add(new FieldValidation.Duplicate(child, key, line));
                }
                object.set(key, v);
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JSON.createArrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser, path + "[" + index++ + "]", duplicates));
            }
            return array;
        }
        return JSON.readTree(parser);
    }
}
