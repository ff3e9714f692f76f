package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One object of an Application's resource tree: a managed object (with its sync state) or one the
 * cluster made for it (a ReplicaSet, a Pod), with its health and its own children. Pure.
 *
 * @param sync empty for objects the cluster made, which Git does not hold
 */
public record TreeNode(String kind, String namespace, String name, String sync, String health, String healthMessage, boolean prune,
                       List<TreeNode> children) {

    /** From the API's resource tree ({@link io.mooring.app.ResourceTree}). */
    public static List<TreeNode> of(List<? extends JsonNode> nodes) {
        List<TreeNode> tree = new ArrayList<>();
        for (JsonNode node : nodes) {
            List<JsonNode> children = new ArrayList<>();
            node.path("children").forEach(children::add);
            tree.add(new TreeNode(node.path("kind").asText(""), node.path("namespace").asText(""), node.path("name").asText(""),
                    node.path("status").asText(""), node.path("health").path("status").asText(""),
                    node.path("health").path("message").asText(""), node.path("requiresPruning").asBoolean(false), of(children)));
        }
        return List.copyOf(tree);
    }
}
