package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver's namespace strategy does: a new namespace is Active, carries the
 * {@code kubernetes} finalizer (the namespace controller's: it removes it, through the
 * {@code finalize} subresource, once the namespace is empty) and a label with its name, for
 * namespace selectors. A namespace being deleted stays until its spec finalizers are gone.
 */
final class NamespaceRules {
    static final String FINALIZER = "kubernetes";
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

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
        label(namespace);
    }

    /** A main-resource update: the spec finalizers change only through {@code finalize}. */
    static void prepareUpdate(ObjectNode next, ObjectNode existing) {
        JsonNode finalizers = existing.path("spec").get("finalizers");
        if (finalizers == null) {
            next.withObjectProperty("spec").remove("finalizers");
        } else {
            next.withObjectProperty("spec").set("finalizers", finalizers);
        }
        label(next);
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

    private static void label(ObjectNode namespace) {
        ObjectNode metadata = namespace.withObjectProperty("metadata");
        metadata.withObjectProperty("labels").put(NAME_LABEL, metadata.path("name").asText());
    }
}
