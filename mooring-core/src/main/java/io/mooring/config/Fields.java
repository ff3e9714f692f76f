package io.mooring.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads typed fields of Mooring's objects by dotted path, with errors that name the field. */
final class Fields {
    private final String source;
    private final JsonNode object;

    Fields(String source, JsonNode object) {
        this.source = source;
        this.object = object;
    }

    JsonNode at(String path) {
        JsonNode node = object;
        for (String step : path.split("\\.")) {
            node = node.path(step);
        }
        return node;
    }

    String required(String path) {
        String value = optional(path, "");
        if (value.isEmpty()) {
            throw error(path, "is required");
        }
        return value;
    }

    String optional(String path, String fallback) {
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw error(path, "must be a string");
        }
        return node.asText();
    }

    List<String> strings(String path) {
        List<String> result = new ArrayList<>();
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw error(path, "must be a list");
        }
        node.forEach(n -> result.add(n.asText()));
        return result;
    }

    int integer(String path, int fallback) {
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt()) {
            throw error(path, "must be a whole number");
        }
        return node.asInt();
    }

    double number(String path, double fallback) {
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw error(path, "must be a number");
        }
        return node.asDouble();
    }

    /** Go-style durations as Kubernetes objects write them: {@code 500ms}, {@code 5s}, {@code 3m}, {@code 1h30m}. */
    Duration duration(String path, Duration fallback) {
        String text = optional(path, "");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    ManifestException error(String path, String problem) {
        String what = path.isEmpty() ? object.path("kind").asText("object") : path;
        String name = object.path("metadata").path("name").asText("");
        return new ManifestException(source, 0, (name.isEmpty() ? "" : object.path("kind").asText() + " " + name + ": ")
                + what + " " + problem, null);
    }
}
