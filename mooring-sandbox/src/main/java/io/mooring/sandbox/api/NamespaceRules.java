package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver's namespace strategy does: a new namespace is Active and carries the
 * {@code kubernetes} finalizer (the namespace controller's: it removes it, through the
 * {@code finalize} subresource, once the namespace is empty); only that subresource changes the
 * spec finalizers; a namespace being deleted stays until they are gone. (Its name label is a
 * default: the cluster's defaulting admission sets it.)
 */
final class NamespaceRules {
    static final String FINALIZER = "kubernetes";

    private NamespaceRules() {
    }

    static void prepareCreate(ObjectNode namespace) {
        ObjectNode spec = namespace.withObjectProperty("spec");
        ArrayNode finalizers = spec.has("finalizers") && spec.get("finalizers").isArray()
                ? (ArrayNode) spec.get("finalizers") : spec.putArray("finalizers");
        boolean present = false;
        for (JsonNode finalizer : finalizers) {
            present |= finalizer.asText().equals(FINALIZER);
        }
        if (!present) {
            finalizers.add(FINALIZER);
        }
        namespace.putObject("status").put("phase", "Active");
    }

    /** A main-resource update: the spec finalizers change only through {@code finalize}. */
    static void prepareUpdate(ObjectNode next, ObjectNode existing) {
        JsonNode finalizers = existing.path("spec").get("finalizers");
        if (finalizers == null) {
            next.withObjectProperty("spec").remove("finalizers");
        } else {
            next.withObjectProperty("spec").set("finalizers", finalizers);
        }
    }

    /** A {@code finalize} write: the stored namespace with the spec finalizers sent. */
    static ObjectNode finalizeWith(ObjectNode existing, ObjectNode incoming) {
        ObjectNode next = existing.deepCopy();
        JsonNode finalizers = incoming.path("spec").get("finalizers");
        if (finalizers == null || finalizers.isNull()) {
            next.withObjectProperty("spec").remove("finalizers");
        } else {
            next.withObjectProperty("spec").set("finalizers", finalizers);
        }
        return next;
    }

    /** Whether nothing in the spec holds the namespace back any more. */
    static boolean finalized(JsonNode namespace) {
        return namespace.path("spec").path("finalizers").isEmpty();
    }
}
