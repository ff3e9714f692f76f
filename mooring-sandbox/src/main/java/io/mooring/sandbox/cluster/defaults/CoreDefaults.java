package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;

import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/** Defaults of the core group's configuration and bookkeeping kinds. */
final class CoreDefaults {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    private CoreDefaults() {
    }

    /**
     * Every namespace carries its name as a label, and a status phase. (The {@code kubernetes}
     * finalizer and the Active phase of a new namespace are the API's namespace strategy:
     * {@code NamespaceRules}.)
     */
    static void namespace(ObjectNode namespace) {
        ObjectNode metadata = object(namespace, "metadata");
        String name = metadata.path("name").asText("");
        if (!name.isEmpty()) {
            object(metadata, "labels").put(NAME_LABEL, name);
        }
        ObjectNode status = objectOrNull(namespace, "status");
        if (status != null) {
            defaultText(status, "phase", "Active");
        }
    }

    /** {@code stringData} is write-only: the server folds it into {@code data}, base64-encoded. */
    static void secret(ObjectNode secret) {
        defaultText(secret, "type", "Opaque");
        ObjectNode stringData = objectOrNull(secret, "stringData");
        if (stringData != null) {
            ObjectNode data = object(secret, "data");
            for (Map.Entry<String, JsonNode> entry : stringData.properties()) {
                data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        secret.remove("stringData");
    }

    static void endpoints(ObjectNode endpoints) {
        for (ObjectNode subset : objects(endpoints, "subsets")) {
            objects(subset, "ports").forEach(port -> defaultText(port, "protocol", "TCP"));
        }
    }

    static void endpointSlice(ObjectNode slice) {
        for (ObjectNode port : objects(slice, "ports")) {
            if (Nodes.unset(port, "name")) {
                port.put("name", "");
            }
            defaultText(port, "protocol", "TCP");
        }
    }

    /** Container limits: the default limit falls back to the max, the default request to the limit, then the min. */
    static void limitRange(ObjectNode limitRange) {
        for (ObjectNode item : objects(object(limitRange, "spec"), "limits")) {
            for (String list : new String[] {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
                ResourceLists.canonical(item, list, true);
            }
            if (!item.path("type").asText().equals("Container")) {
                continue;
            }
            ObjectNode defaults = object(item, "default");
            ObjectNode defaultRequest = object(item, "defaultRequest");
            copyMissing(objectOrNull(item, "max"), defaults);
            copyMissing(defaults, defaultRequest);
            copyMissing(objectOrNull(item, "min"), defaultRequest);
        }
    }

    private static void copyMissing(ObjectNode from, ObjectNode to) {
        if (from == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : new ArrayList<>(from.properties())) {
            if (!to.has(entry.getKey())) {
                to.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }

    static void resourceQuota(ObjectNode quota) {
        ResourceLists.canonical(objectOrNull(quota, "spec"), "hard", true);
        ObjectNode status = objectOrNull(quota, "status");
        ResourceLists.canonical(status, "hard", true);
        ResourceLists.canonical(status, "used", true);
    }
}
