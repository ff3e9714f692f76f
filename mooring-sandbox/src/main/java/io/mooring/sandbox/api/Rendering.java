package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The form a client asked its answer in, by its Accept header: whole objects, a {@code Table}
 * (kubectl get), or {@code PartialObjectMetadata} (clients that only need metadata).
 *
 * @param includeObject what a Table row carries: {@code None}, {@code Metadata} (the default) or {@code Object}
 */
record Rendering(Form form, String includeObject, Tables tables) {
    enum Form { OBJECT, TABLE, METADATA }

    static Rendering of(String accept, String includeObject, Tables tables) {
        String header = accept == null ? "" : accept;
        Form form = Form.OBJECT;
        // The first media type the server can give wins, as in kube-apiserver's negotiation.
        for (String mediaType : header.split(",")) {
            if (mediaType.contains("as=Table")) {
                form = Form.TABLE;
                break;
            }
            if (mediaType.contains("as=PartialObjectMetadata")) {
                form = Form.METADATA;
                break;
            }
            if (mediaType.strip().startsWith("application/json") || mediaType.strip().startsWith("*/*")) {
                break;
            }
        }
        return new Rendering(form, includeObject == null || includeObject.isEmpty() ? "Metadata" : includeObject, tables);
    }

    /** A list in the form asked for. */
    JsonNode list(ResourceType type, ObjectNode list) {
        JsonNode metadata = list.path("metadata");
        return switch (form) {
            case OBJECT -> list;
            case TABLE -> {
                List<JsonNode> items = new ArrayList<>();
                list.path("items").forEach(items::add);
                ObjectNode table = tables.table(type, items, metadata.path("resourceVersion").asText(), includeObject);
                table.set("metadata", metadata);
                yield table;
            }
            case METADATA -> {
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.put("kind", "PartialObjectMetadataList");
                result.put("apiVersion", "meta.k8s.io/v1");
                result.set("metadata", metadata);
                ArrayNode items = result.putArray("items");
                list.path("items").forEach(item -> items.add(partial(item)));
                yield result;
            }
        };
    }

    /** One object in the form asked for. */
    JsonNode single(ResourceType type, ObjectNode object) {
        return switch (form) {
            case OBJECT -> object;
            case TABLE -> tables.table(type, List.of(object), object.path("metadata").path("resourceVersion").asText(), includeObject);
            case METADATA -> partial(object);
        };
    }

    static ObjectNode partial(JsonNode object) {
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata"));
        return partial;
    }
}
