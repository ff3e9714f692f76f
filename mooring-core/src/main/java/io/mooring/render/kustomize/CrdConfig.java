package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kustomize's {@code crds:} field: OpenAPI definitions of custom types whose properties are marked
 * with {@code x-kubernetes-*} extensions say which fields hold annotations, label selectors, the
 * object's identity, or a reference to another object by name.
 */
final class CrdConfig {
    private CrdConfig() {
    }

    static TransformerConfig load(FileLoader loader, String path) {
        JsonNode definitions = new YamlReader().readOne(loader.root().resolve(path).toString(), loader.load(path));
        TransformerConfig config = new TransformerConfig();
        if (!definitions.isObject()) {
            throw new KustomizeException(path, "unable to parse open API definition from '" + path + "'", "expected a map of type name to definition");
        }
        for (Map.Entry<String, JsonNode> entry : definitions.properties()) {
            JsonNode properties = entry.getValue().path("Schema").path("properties");
            if (!(properties.has("kind") && properties.has("apiVersion") && properties.has("metadata"))) {
                continue;
            }
            String[] parts = entry.getKey().split("\\.");
            Gvk gvk = new Gvk("", "", parts[parts.length - 1]);
            addProperties(config, gvk, definitions, entry.getKey(), new ArrayList<>());
        }
        return config;
    }

    private static void addProperties(TransformerConfig config, Gvk gvk, JsonNode definitions, String typeName, List<String> path) {
        JsonNode properties = definitions.path(typeName).path("Schema").path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            List<String> here = new ArrayList<>(path);
            here.add(property.getKey());
            JsonNode schema = property.getValue();
            String joined = String.join("/", here);
            // kustomize reads these extensions as strings: any other value (an object, true) does not count.
            if (schema.path("x-kubernetes-annotation").isTextual()) {
                config.addSpec("commonAnnotations", new FieldSpec(gvk, joined, false));
            }
            if (schema.path("x-kubernetes-label-selector").isTextual()) {
                config.addSpec("commonLabels", new FieldSpec(gvk, joined, false));
            }
            if (schema.path("x-kubernetes-identity").isTextual()) {
                config.addSpec("namePrefix", new FieldSpec(gvk, joined, false));
            }
            if (schema.path("x-kubernetes-object-ref-api-version").isTextual() && schema.path("x-kubernetes-object-ref-kind").isTextual()) {
                JsonNode key = schema.path("x-kubernetes-object-ref-name-key");
                String nameKey = key.isTextual() ? key.asText() : "name";
                config.addNameReference(new Gvk("", schema.path("x-kubernetes-object-ref-api-version").asText(""),
                        schema.path("x-kubernetes-object-ref-kind").asText("")), new FieldSpec(gvk, joined + "/" + nameKey, false));
            }
            String ref = schema.path("$ref").asText("");
            if (!ref.isEmpty()) {
                addProperties(config, gvk, definitions, ref, here);
            }
        }
    }
}
