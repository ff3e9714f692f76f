package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A kustomization file, checked the way kustomize checks it: field names match regardless of case
 * (kustomize decodes with Go's JSON rules), unknown fields are refused, deprecated fields are moved
 * to their replacements ({@code bases} into resources, {@code imageTags} into images).
 *
 * @param file the file it was read from
 * @param spec the normalised content
 */
record Kustomization(String file, ObjectNode spec) {
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    static final String KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
    static final String COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";
    static final String BUILTIN_OPENAPI_VERSION = "v1.21.2";

    private static final List<String> FIELDS = List.of("apiVersion", "kind", "metadata", "openapi", "namePrefix",
            "nameSuffix", "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge",
            "patchesJson6902", "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
            "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator", "helmGlobals",
            "helmCharts", "helmChartInflationGenerator", "generatorOptions", "configurations", "generators",
            "transformers", "validators", "inventory", "buildMetadata");
    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

    static {
        FIELDS.forEach(f -> CANONICAL.put(f.toLowerCase(Locale.ROOT), f));
    }

    /** Reads the one kustomization file of the loader's root. */
    static Kustomization load(FileLoader loader) {
        List<String> found = FILE_NAMES.stream().filter(loader::isFile).toList();
        if (found.isEmpty()) {
            throw new KustomizeException(loader.root().toString(),
                    "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '"
                            + loader.root() + "'", "add a kustomization.yaml, or render the directory as plain YAML");
        }
        if (found.size() > 1) {
            throw new KustomizeException(loader.root().toString(),
                    "Found multiple kustomization files under: " + loader.root(), "keep only one of " + found);
        }
        String name = found.getFirst();
        String source = loader.root().resolve(name).toString();
        JsonNode content = YamlReader.lastKeyWins().readOne(source, loader.load(name));
        return parse(source, content);
    }

    static Kustomization parse(String source, JsonNode content) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        if (content.isObject()) {
            for (Map.Entry<String, JsonNode> field : content.properties()) {
                String canonical = CANONICAL.get(field.getKey().toLowerCase(Locale.ROOT));
                if (canonical == null) {
                    throw new KustomizeException(source, "invalid Kustomization: json: unknown field \"" + field.getKey() + "\"",
                            "check the field's spelling against the kustomization reference");
                }
                spec.set(canonical, field.getValue());
            }
        } else if (!content.isNull()) {
            throw new KustomizeException(source, "invalid Kustomization: not a mapping", null);
        }
        Kustomization kustomization = new Kustomization(source, spec);
        kustomization.fixDeprecatedFields();
        kustomization.enforceKindAndVersion();
        kustomization.checkOpenApiVersion();
        return kustomization;
    }

    private void fixDeprecatedFields() {
        if (spec.path("kind").asText("").isEmpty()) {
            spec.put("kind", "Kustomization");
        }
        if (spec.path("apiVersion").asText("").isEmpty()) {
            spec.put("apiVersion", isComponent() ? COMPONENT_VERSION : KUSTOMIZATION_VERSION);
        }
        moveInto("bases", "resources");
        moveInto("imageTags", "images");
    }

    private void moveInto(String deprecated, String field) {
        JsonNode old = spec.remove(deprecated);
        if (old != null && old.isArray() && !old.isEmpty()) {
            ArrayNode target = spec.path(field).isArray() ? (ArrayNode) spec.get(field) : spec.putArray(field);
            target.addAll((ArrayNode) old);
        }
    }

    private void enforceKindAndVersion() {
        String kind = kind();
        List<String> errors = new ArrayList<>();
        if (!kind.equals("Kustomization") && !kind.equals("Component")) {
            errors.add("kind should be Kustomization or Component");
        }
        String required = isComponent() ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
        if (!spec.path("apiVersion").asText("").equals(required)) {
            errors.add("apiVersion for " + kind + " should be " + required);
        }
        if (!errors.isEmpty()) {
            throw new KustomizeException(file, "Failed to read kustomization file: " + String.join("; ", errors), null);
        }
    }

    /** The Kubernetes API version whose schema drives strategic merges: kustomize builds in only 1.21.2. */
    private void checkOpenApiVersion() {
        String version = spec.path("openapi").path("version").asText("");
        if (!version.isEmpty() && !version.equals(BUILTIN_OPENAPI_VERSION)) {
            throw new KustomizeException(file, "the specified OpenAPI version is not built in: " + version,
                    "use version " + BUILTIN_OPENAPI_VERSION + ", or give the schema with openapi.path");
        }
    }

    String kind() {
        return spec.path("kind").asText("");
    }

    boolean isComponent() {
        return kind().equals("Component");
    }

    String string(String field) {
        JsonNode value = spec.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new KustomizeException(file, "field '" + field + "' must be a string, found " + value, "quote the value");
        }
        return value.asText();
    }

    List<String> strings(String field) {
        JsonNode value = spec.path(field);
        List<String> result = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            throw new KustomizeException(file, "field '" + field + "' must be a list", null);
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                throw new KustomizeException(file, "field '" + field + "' must be a list of strings, found " + item, null);
            }
            result.add(item.asText());
        }
        return result;
    }

    /** A string-to-string map field; scalar values are taken as their text. */
    Map<String, String> stringMap(String field) {
        JsonNode value = spec.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
            throw new KustomizeException(file, "field '" + field + "' must be a map of strings", null);
        }
        return Resource.stringMap(value);
    }

    /** The list items of a field (empty when absent). */
    List<JsonNode> items(String field) {
        List<JsonNode> result = new ArrayList<>();
        JsonNode value = spec.path(field);
        if (value.isArray()) {
            value.forEach(result::add);
        } else if (!value.isMissingNode() && !value.isNull()) {
            throw new KustomizeException(file, "field '" + field + "' must be a list", null);
        }
        return result;
    }

    JsonNode node(String field) {
        return spec.path(field);
    }
}
