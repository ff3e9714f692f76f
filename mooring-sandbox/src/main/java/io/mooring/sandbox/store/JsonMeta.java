package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The metadata fields the store and API read, from an object's JSON. */
public record JsonMeta(String namespace, String name, String resourceVersion, String uid) {
    public static JsonMeta of(ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        return new JsonMeta(metadata.path("namespace").asText(""), metadata.path("name").asText(""),
                metadata.path("resourceVersion").asText(""), metadata.path("uid").asText(""));
    }
}
