package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.catalog.ResourceType;

/**
 * Where the schemas of served custom resources go as CRDs come and go: the hook for a schema
 * registry that needs them (server-side apply and strict field validation of custom resources).
 */
public interface CustomResourceSchemas {
    /** For when no one listens. */
    CustomResourceSchemas NONE = new CustomResourceSchemas() {
        @Override
        public void served(ResourceType type, JsonNode openApiV3Schema) {
        }

        @Override
        public void withdrawn(ResourceType type) {
        }
    };

    /** {@code type} is now served with this schema (called again when the schema changes). */
    void served(ResourceType type, JsonNode openApiV3Schema);

    /** {@code type} is no longer served (its CRD was deleted or the version no longer served). */
    void withdrawn(ResourceType type);
}
