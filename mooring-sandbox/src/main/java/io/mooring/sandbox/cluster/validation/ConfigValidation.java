package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.util.List;

/** ConfigMaps and Secrets marked immutable, a Secret's type, and the role a binding grants. */
final class ConfigValidation {
    private ConfigValidation() {
    }

    /** Once {@code immutable: true}, neither the data nor the flag may change. */
    static void immutableData(ObjectNode object, ObjectNode old, FieldErrors errors) {
        if (old == null || !old.path("immutable").asBoolean(false)) {
            return;
        }
        if (!object.path("immutable").asBoolean(false)) {
            errors.forbidden("immutable", "field is immutable when `immutable` is set");
        }
        for (String field : List.of("data", "binaryData")) {
            if (!object.path(field).equals(old.path(field))) {
                errors.forbidden(field, "field is immutable when `immutable` is set");
            }
        }
    }

    static void secret(ObjectNode secret, ObjectNode old, FieldErrors errors) {
        immutableData(secret, old, errors);
        if (old != null && !secret.path("type").equals(old.path("type"))) {
            errors.invalid("type", secret.path("type").asText(), "field is immutable");
        }
    }

    static void roleBinding(ObjectNode binding, ObjectNode old, FieldErrors errors) {
        JsonNode roleRef = binding.path("roleRef");
        if (Nodes.empty(roleRef, "name")) {
            errors.required("roleRef.name", "");
        }
        if (old != null && !roleRef.equals(old.path("roleRef"))) {
            errors.invalid("roleRef", roleRef, "cannot change roleRef");
        }
    }
}
