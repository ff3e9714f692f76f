package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.BiConsumer;

/**
 * Where the schemas of served custom resources go as CRDs come and go: the hook for a schema
 * registry that needs them (server-side apply and strict field validation of custom resources).
 * Its methods have the shape of the apply engine's {@code ResourceSchemas}, so wiring it is
 * {@code CustomResourceSchemas.of(schemas::register, schemas::unregister)}.
 */
public interface CustomResourceSchemas {
    /** For when no one listens. */
    CustomResourceSchemas NONE = of((apiVersion, kind, schema) -> {
    }, (apiVersion, kind) -> {
    });

    /** {@code kind} of {@code apiVersion} is now served with this schema (called again when it changes). */
    void register(String apiVersion, String kind, JsonNode openApiV3Schema);

    /** {@code kind} of {@code apiVersion} is no longer served (its CRD was deleted or the version is no longer served). */
    void unregister(String apiVersion, String kind);

    /** The registration half of a schema registry, as a method reference can give it. */
    @FunctionalInterface
    interface Registration {
        void register(String apiVersion, String kind, JsonNode openApiV3Schema);
    }

    static CustomResourceSchemas of(Registration register, BiConsumer<String, String> unregister) {
        return new CustomResourceSchemas() {
            @Override
            public void register(String apiVersion, String kind, JsonNode openApiV3Schema) {
                register.register(apiVersion, kind, openApiV3Schema);
            }

            @Override
            public void unregister(String apiVersion, String kind) {
                unregister.accept(apiVersion, kind);
            }
        };
    }
}
