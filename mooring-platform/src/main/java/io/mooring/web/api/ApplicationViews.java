package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.app.ApplicationDiff;

/** How the API shows Applications: pure functions from the custom resource to the API's JSON. */
public final class ApplicationViews {
    private ApplicationViews() {
    }

    /** One line of a list: where it comes from, where it goes, how it is. */
    public static ObjectNode summary(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        JsonNode spec = resource.path("spec");
        JsonNode status = resource.path("status");
        ObjectNode node = Json.object().put("namespace", metadata.path("namespace").asText()).put("name", metadata.path("name").asText());
        node.put("environment", spec.path("environment").asText(""));
        JsonNode source = spec.path("source");
        node.putObject("source").put("repoURL", source.path("repoURL").asText()).put("path", source.path("path").asText("."))
                .put("targetRevision", source.path("targetRevision").asText(""));
        node.put("destinationNamespace", spec.path("destination").path("namespace").asText(""));
        JsonNode automated = spec.path("syncPolicy").path("automated");
        node.put("automated", !automated.isMissingNode() && !automated.isNull());
        node.putObject("sync").put("status", status.path("sync").path("status").asText("Unknown"))
                .put("revision", status.path("sync").path("revision").asText(""));
        ObjectNode health = node.putObject("health").put("status", status.path("health").path("status").asText("Unknown"));
        if (status.path("health").has("message")) {
            health.put("message", status.path("health").path("message").asText());
        }
        JsonNode operation = status.path("operationState");
        if (operation.isObject()) {
            node.putObject("lastSync").put("phase", operation.path("phase").asText()).put("message", operation.path("message").asText(""))
                    .put("finishedAt", operation.path("finishedAt").asText("")).put("revision", operation.path("revision").asText(""));
        }
        node.set("conditions", status.path("conditions").isArray() ? status.get("conditions").deepCopy() : Json.object().arrayNode());
        return node;
    }

    /** The whole Application: metadata (without the server's bookkeeping), spec and status. */
    public static ObjectNode detail(JsonNode resource) {
        ObjectNode node = Json.object();
        JsonNode metadata = resource.path("metadata");
        ObjectNode meta = node.putObject("metadata").put("namespace", metadata.path("namespace").asText()).put("name", metadata.path("name").asText());
        for (String field : new String[]{"uid", "creationTimestamp", "resourceVersion", "generation"}) {
            if (metadata.has(field)) {
                meta.set(field, metadata.get(field));
            }
        }
        for (String field : new String[]{"labels", "annotations"}) {
            meta.set(field, metadata.path(field).isObject() ? metadata.get(field).deepCopy() : Json.object());
        }
        node.set("spec", resource.path("spec").isObject() ? resource.get("spec").deepCopy() : Json.object());
        node.set("status", resource.path("status").isObject() ? resource.get("status").deepCopy() : Json.object());
        node.set("summary", summary(resource));
        return node;
    }

    public static ObjectNode diff(ApplicationDiff diff) {
        ObjectNode node = Json.object().put("revision", diff.revision()).put("differs", diff.differs());
        var changes = node.putArray("changes");
        for (ApplicationDiff.Change change : diff.changes()) {
            ObjectNode item = changes.addObject();
            item.setAll(Json.key(change.key()));
            item.put("state", change.state().name()).put("diff", change.unified());
        }
        var removals = node.putArray("removals");
        for (ApplicationDiff.Removal removal : diff.removals()) {
            ObjectNode item = removals.addObject();
            item.setAll(Json.key(removal.key()));
            item.put("pruned", removal.pruned());
            if (!removal.reason().isEmpty()) {
                item.put("reason", removal.reason());
            }
        }
        return node;
    }
}
