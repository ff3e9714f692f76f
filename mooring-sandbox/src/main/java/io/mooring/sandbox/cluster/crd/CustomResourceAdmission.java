package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.validation.FieldErrors;
import io.mooring.sandbox.store.ApiException;

/**
 * Custom resources as the apiextensions server admits them: none are created while their CRD
 * is being deleted; fields the version's schema does not describe are pruned, its defaults
 * filled in, and its value checks applied.
 */
public final class CustomResourceAdmission implements Admission {
    private final CrdRegistry registry;

    public CustomResourceAdmission(CrdRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode object, ObjectNode existing) {
        CrdRegistry.Entry entry = registry.get(ResourceApi.typeKey(type));
        if (entry == null) {
            return;
        }
        if (operation == Operation.CREATE && entry.terminating()) {
            throw new ApiException(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating",
                    type.group(), type.plural(), Nodes.text(object, "metadata", "name"));
        }
        JsonNode schema = entry.schemas().get(type.version());
        if (schema != null) {
            StructuralSchema.prune(object, schema);
            StructuralSchema.applyDefaults(object, schema);
            FieldErrors errors = new FieldErrors();
            StructuralSchema.validate(object, schema, errors);
            errors.throwIfAny(type.group(), type.kind(), Nodes.text(object, "metadata", "name"));
        }
    }
}
