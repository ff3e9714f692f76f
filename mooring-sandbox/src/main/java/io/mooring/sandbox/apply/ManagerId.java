package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;

/**
 * Whose a {@code managedFields} entry is: the manager, the operation, the API version for updates
 * (an applier keeps one entry whatever version it applies with) and the subresource. Two writes
 * with the same identity share an entry.
 *
 * @param manager     the field manager's name
 * @param apply       operation Apply (else Update)
 * @param apiVersion  for updates, the API version written with; "" for appliers
 * @param subresource "" for the main resource
 */
record ManagerId(String manager, boolean apply, String apiVersion, String subresource) {
    /** The stand-in for the manager of an update while its changes are worked out. */
    static final ManagerId CURRENT_OPERATION = new ManagerId("current-operation", false, "", "");

    static ManagerId applier(String manager, String subresource) {
        return new ManagerId(manager.isEmpty() ? "unknown" : manager, true, "", subresource);
    }

    static ManagerId updater(String manager, String apiVersion, String subresource) {
        return new ManagerId(manager.isEmpty() ? "unknown" : manager, false, apiVersion, subresource);
    }

    String operation() {
        return apply ? "Apply" : "Update";
    }

    /** The API server's identifier string (a JSON object), which orders managers in conflict messages. */
    String identifier() {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("manager", manager);
        id.put("operation", operation());
        if (!apply && !apiVersion.isEmpty()) {
            id.put("apiVersion", apiVersion);
        }
        if (!subresource.isEmpty()) {
            id.put("subresource", subresource);
        }
        return id.toString();
    }

    /** How conflict messages name the manager: {@code "kubectl-client-side-apply" using apps/v1}. */
    String describe() {
        String text = GoText.quote(manager);
        if (!subresource.isEmpty()) {
            text += " with subresource " + GoText.quote(subresource);
        }
        return apply ? text : text + " using " + apiVersion;
    }
}
