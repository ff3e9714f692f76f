package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.patch.FieldSchema;
import io.mooring.render.kustomize.patch.KubernetesSchema;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema of every kind the sandbox serves: the built-in kinds of Kubernetes 1.34.1 from
 * {@link KubernetesSchema#apiServer()}, and custom kinds whose schema a CustomResourceDefinition
 * gives at run time ({@link #register}). A custom kind without a registered schema is handled as
 * the API server handles a CRD without {@code x-kubernetes-*} markers: maps merged key by key,
 * lists replaced whole, any field allowed.
 */
public final class ResourceSchemas {
    private static final String OBJECT_META = "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final KubernetesSchema builtin;
    private final Map<String, TypeSchema> custom = new ConcurrentHashMap<>();

    private ResourceSchemas(KubernetesSchema builtin) {
        this.builtin = builtin;
    }

    /** The built-in kinds of Kubernetes 1.34.1, and no custom kind yet. */
    public static ResourceSchemas kubernetes() {
        return new ResourceSchemas(KubernetesSchema.apiServer());
    }

    /**
     * Uses {@code openApiV3Schema} (a CRD version's {@code schema.openAPIV3Schema}) for
     * {@code apiVersion} and {@code kind}, replacing any schema registered before. As the API
     * server does, {@code metadata} is an ObjectMeta and {@code apiVersion} and {@code kind} are
     * strings whatever the schema says of them.
     */
    public void register(String apiVersion, String kind, JsonNode openApiV3Schema) {
        ObjectNode schema = openApiV3Schema != null && openApiV3Schema.isObject() ? ((ObjectNode) openApiV3Schema).deepCopy()
                : JsonNodeFactory.instance.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        ObjectNode properties = schema.with("properties");
        properties.putObject("metadata").put("$ref", OBJECT_META);
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        custom.put(key(apiVersion, kind), TypeSchema.of(builtin.inline(schema)));
    }

    /** Forgets the schema of a custom kind (its CRD, or that version of it, is gone). */
    public void unregister(String apiVersion, String kind) {
        custom.remove(key(apiVersion, kind));
    }

    /** Whether the kind is one of Kubernetes' own (strategic merge patch is served for those only). */
    boolean builtin(String apiVersion, String kind) {
        return builtin.resource(apiVersion, kind).isPresent();
    }

    /** The schema of objects of this kind. */
    TypeSchema of(String apiVersion, String kind) {
        Optional<FieldSchema> found = builtin.resource(apiVersion, kind);
        if (found.isPresent()) {
            return TypeSchema.of(found.get());
        }
        return custom.getOrDefault(key(apiVersion, kind), TypeSchema.DEDUCED);
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
