package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.defaults.Quantity;

import java.util.List;

/** Claims: access modes and a size on create; afterwards only a bound claim may grow. */
final class StorageValidation {
    private static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    private static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

    private StorageValidation() {
    }

    static void claim(ObjectNode claim, ObjectNode old, FieldErrors errors) {
        JsonNode spec = claim.path("spec");
        List<String> modes = Nodes.strings(spec, "accessModes");
        if (modes.isEmpty()) {
            errors.required("spec.accessModes", "at least 1 access mode is required");
        }
        for (JsonNode mode : spec.path("accessModes")) {
            if (!ACCESS_MODES.contains(mode.asText())) {
                errors.notSupported("spec.accessModes", mode, ACCESS_MODES);
            }
        }
        JsonNode volumeMode = spec.path("volumeMode");
        if (!VOLUME_MODES.contains(volumeMode.asText())) {
            errors.notSupported("spec.volumeMode", volumeMode, VOLUME_MODES);
        }
        JsonNode storage = spec.path("resources").path("requests").get("storage");
        if (storage == null || storage.isNull()) {
            errors.required("spec.resources[storage]", "");
        } else if (Quantity.value(storage.asText()).signum() <= 0) {
            errors.invalid("spec.resources[storage]", storage.asText(), "must be greater than zero");
        }
        if (old != null) {
            immutableSpec(spec, old, errors);
        }
    }

    /**
     * The spec is fixed after creation, except the volume name the binder sets once and, on a
     * bound claim, the requested size and the volume attributes class.
     */
    private static void immutableSpec(JsonNode spec, ObjectNode old, FieldErrors errors) {
        ObjectNode before = old.path("spec").deepCopy();
        ObjectNode after = spec.deepCopy();
        if (Nodes.empty(before, "volumeName")) {
            before.remove("volumeName");
            after.remove("volumeName");
        }
        if (Nodes.text(old, "status", "phase").equals("Bound")) {
            for (ObjectNode s : List.of(before, after)) {
                Nodes.object(s, "resources").remove("requests");
                s.remove("volumeAttributesClassName");
            }
        }
        if (!before.equals(after)) {
            errors.forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
        }
    }
}
