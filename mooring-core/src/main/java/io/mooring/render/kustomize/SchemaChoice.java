package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.patch.KubernetesSchema;
import io.mooring.resource.YamlReader;

/**
 * The OpenAPI schema of one build. kustomize keeps one schema per build: the first kustomization
 * (top first, then bases in load order) whose {@code openapi.path} names a custom document sets
 * it; otherwise the built-in Kubernetes 1.21.2 schema is used.
 */
final class SchemaChoice {
    private KubernetesSchema custom;

    void offer(Kustomization kustomization, FileLoader loader) {
        String path = kustomization.node("openapi").path("path").asText("");
        if (custom != null || path.isEmpty()) {
            return;
        }
        JsonNode document = new YamlReader().readOne(loader.root().resolve(path).toString(), loader.load(path));
        custom = KubernetesSchema.fromOpenApi(document);
    }

    KubernetesSchema get() {
        return custom != null ? custom : KubernetesSchema.builtin();
    }
}
