package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mooring.resource.ResourceKey;
import io.mooring.web.ApiException;

import java.io.IOException;
import java.util.Collection;

/** JSON in and out for the API handlers. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code {"items": [...]}}, the shape of every list the API returns. */
    public static ObjectNode items(Collection<? extends JsonNode> items) {
        ObjectNode list = object();
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    public static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The request's JSON object; an empty body is an empty object. */
    public static ObjectNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.badRequest("the request body must be a JSON object", "send {...} as the OpenAPI document describes");
            }
            return object;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage(), "send a JSON object");
        }
    }

    public static ObjectNode key(ResourceKey key) {
        ObjectNode node = object().put("group", key.group()).put("version", key.version()).put("kind", key.kind());
        if (!key.namespace().isEmpty()) {
            node.put("namespace", key.namespace());
        }
        return node.put("name", key.name());
    }

    /** A query parameter as a positive number, at most {@code max}; {@code fallback} when absent. */
    public static int limit(Context ctx, int fallback, int max) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return Math.min(value, max);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a positive number, not '" + text + "'", "at most " + max);
    }
}
