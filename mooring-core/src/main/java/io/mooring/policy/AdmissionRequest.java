package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * What a policy judges: an operation on an object, as an admission webhook receives it, as the
 * sync checks a rendered object before applying it, or as the CI door checks a file. Pure data.
 *
 * @param operation       CREATE, UPDATE, DELETE or CONNECT
 * @param object          the object as it would be stored (for DELETE, the object being deleted)
 * @param oldObject       the stored object an UPDATE or DELETE replaces, or null
 * @param namespaceLabels the labels of the object's namespace, for namespaceSelector (empty when unknown)
 * @param userInfo        who asks ({@link UserInfo#NONE} when nobody does)
 * @param variables       extra variables by dotted path ({@code request.operation} style), as
 *                        Kyverno CLI values files give them; empty normally
 * @param now             the clock reading time functions see
 */
public record AdmissionRequest(Operation operation, ObjectNode object, ObjectNode oldObject, Map<String, String> namespaceLabels,
                               UserInfo userInfo, Map<String, JsonNode> variables, Instant now) {
    public AdmissionRequest {
        namespaceLabels = Map.copyOf(namespaceLabels);
        variables = Map.copyOf(variables);
    }

    /** A CREATE of {@code object} by nobody in particular: how the CI and sync doors ask. */
    public static AdmissionRequest create(ObjectNode object, Instant now) {
        return new AdmissionRequest(Operation.CREATE, object, null, Map.of(), UserInfo.NONE, Map.of(), now);
    }

    /** The object the rules look at: the old one for a DELETE, otherwise the new one. */
    ObjectNode subject() {
        return operation == Operation.DELETE && oldObject != null ? oldObject : object;
    }
}
