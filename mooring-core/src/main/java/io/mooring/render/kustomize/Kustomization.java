package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kustomization file, checked the way kustomize checks it: decoded by {@link KustomizationSchema}
 * (field names regardless of case, unknown fields and values of the wrong kind refused), deprecated
 * fields moved to their replacements ({@code bases} into resources, {@code imageTags} into images),
 * and one that sets nothing refused.
 *
 * @param file the file it was read from
 * @param spec the normalised content
 */
record Kustomization(String file, ObjectNode spec) {
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    static final String KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
    static final String COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";
    static final String BUILTIN_OPENAPI_VERSION = "v1.21.2";

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
        JsonNode content = YamlReader.goYamlV2().readOne(source, loader.load(name));
        return parse(source, content);
    }

    static Kustomization parse(String source, JsonNode content) {
        Kustomization kustomization = new Kustomization(source, KustomizationSchema.normalize(source, content));
        kustomization.fixDeprecatedFields();
        kustomization.checkNotEmpty();
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

    /**
     * kustomize refuses a kustomization that sets nothing but its kind and apiVersion. A field
     * counts as set when Go would decode it to a non-zero value: an empty list or map is set, an
     * empty string or {@code false} is not.
     */
    private void checkNotEmpty() {
        for (Map.Entry<String, JsonNode> field : spec.properties()) {
            if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind") && !isZero(field.getValue())) {
                return;
            }
        }
        throw new KustomizeException(file, "kustomization.yaml is empty", "add resources, or remove the kustomization");
    }

    private static boolean isZero(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.asText().isEmpty()) || (value.isBoolean() && !value.asBoolean())
                || (value.isNumber() && value.doubleValue() == 0);
    }

    /** Appends a deprecated field's entries to its replacement; like Go's append, nothing added leaves the field unset. */
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
            Path dir = Path.of(file).getParent();
            throw new KustomizeException(file, "Failed to read kustomization file under " + dir + ":\n" + String.join("\n", errors), null);
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
            result.add(item.asText(""));
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
