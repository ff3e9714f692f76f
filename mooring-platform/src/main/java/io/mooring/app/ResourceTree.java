package io.mooring.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.health.Health;
import io.mooring.health.HealthRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Application's resources as a tree: the objects it manages (from its status, with their sync
 * state and health), and below each the objects the cluster made for it, found by owner
 * references (a Deployment's ReplicaSets and their Pods, a CronJob's Jobs and their Pods), each
 * with its health. Pure: the caller lists the candidate children.
 */
public final class ResourceTree {
    /** The kinds whose objects are looked for as children (what workload controllers create). */
    public static final Set<String> CHILD_KINDS = Set.of("ReplicaSet", "Pod", "Job", "ControllerRevision");
    private static final int DEPTH = 4;

    private ResourceTree() {
    }

    /**
     * @param managed    the entries of the Application's {@code status.resources}
     * @param candidates objects that may be children (of {@link #CHILD_KINDS}), in the managed objects' namespaces
     * @return one node per managed object, with {@code children}
     */
    public static List<ObjectNode> build(JsonNode managed, List<? extends JsonNode> candidates) {
        Map<String, List<JsonNode>> byOwner = new HashMap<>();
        for (JsonNode candidate : candidates) {
            for (JsonNode owner : candidate.path("metadata").path("ownerReferences")) {
                byOwner.computeIfAbsent(ownerKey(candidate.path("metadata").path("namespace").asText(), owner.path("kind").asText(),
                        owner.path("name").asText()), k -> new ArrayList<>()).add(candidate);
            }
        }
        List<ObjectNode> roots = new ArrayList<>();
        for (JsonNode resource : managed) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (String field : List.of("group", "version", "kind", "namespace", "name", "status")) {
                if (resource.has(field)) {
                    node.set(field, resource.get(field));
                }
            }
            if (resource.has("health")) {
                node.set("health", resource.get("health"));
            }
            if (resource.path("requiresPruning").asBoolean()) {
                node.put("requiresPruning", true);
            }
            children(node, resource.path("namespace").asText(), resource.path("kind").asText(), resource.path("name").asText(), byOwner, DEPTH);
            roots.add(node);
        }
        return roots;
    }

    private static void children(ObjectNode node, String namespace, String kind, String name, Map<String, List<JsonNode>> byOwner, int depth) {
        var children = node.putArray("children");
        if (depth == 0) {
            return;
        }
        for (JsonNode child : byOwner.getOrDefault(ownerKey(namespace, kind, name), List.of())) {
            ObjectNode item = children.addObject();
            String apiVersion = child.path("apiVersion").asText();
            item.put("group", apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
            item.put("version", apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion);
            item.put("kind", child.path("kind").asText());
            item.put("namespace", child.path("metadata").path("namespace").asText());
            item.put("name", child.path("metadata").path("name").asText());
            HealthRules.assess(child).ifPresent(health -> item.set("health", health(health)));
            children(item, item.path("namespace").asText(), item.path("kind").asText(), item.path("name").asText(), byOwner, depth - 1);
        }
    }

    private static ObjectNode health(Health health) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("status", health.status().text());
        if (!health.message().isEmpty()) {
            node.put("message", health.message());
        }
        return node;
    }

    private static String ownerKey(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }
}
