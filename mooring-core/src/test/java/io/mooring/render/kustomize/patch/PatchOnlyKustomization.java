package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough of kustomize to run the patch engines on upstream build cases that do nothing but
 * load resources and patch them: {@code resources} (files, or directories built the same way),
 * {@code patchesStrategicMerge},
 * {@code patchesJson6902} and {@code patches}, with targets selected by group, version, kind,
 * name and namespace. Anything else makes the case unsupported here, loudly. Around a strategic
 * merge it does what kustomize's resource does: the patch takes the target's name, namespace and
 * type, and the target keeps its name, kind and namespace.
 */
final class PatchOnlyKustomization {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches",
            "patchesStrategicMerge", "patchesJson6902");
    private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name", "namespace");

    private final YamlReader reader = new YamlReader();
    private final StrategicMergePatch strategicMerge = new StrategicMergePatch(KubernetesSchema.builtin());
    private final Path root;

    PatchOnlyKustomization(Path root) {
        this.root = root;
    }

    List<JsonNode> build() throws IOException {
        JsonNode kustomization = reader.readOne("kustomization.yaml", Files.readString(root.resolve("kustomization.yaml")));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException("unsupported kustomization field " + field);
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = root.resolve(entry.asText());
            if (Files.isDirectory(path)) {
                new PatchOnlyKustomization(path).build().forEach(r -> resources.add((ObjectNode) r));
            } else {
                documents(Files.readString(path)).forEach(r -> resources.add((ObjectNode) r));
            }
        }
        for (JsonNode entry : kustomization.path("patchesStrategicMerge")) {
            for (JsonNode patch : documents(text(entry.asText()))) {
                apply(resources, patch, null);
            }
        }
        for (JsonNode entry : kustomization.path("patchesJson6902")) {
            apply(resources, reader.readOne("patch", patchText(entry)), entry.get("target"));
        }
        for (JsonNode entry : kustomization.path("patches")) {
            if (entry.has("options")) {
                throw new IllegalArgumentException("patch options are not supported here");
            }
            for (JsonNode patch : documents(patchText(entry))) {
                apply(resources, patch, entry.get("target"));
            }
        }
        return List.copyOf(resources);
    }

    private void apply(List<ObjectNode> resources, JsonNode patch, JsonNode target) {
        List<ObjectNode> selected = target == null ? List.of(byId(resources, patch)) : select(resources, target);
        for (ObjectNode resource : selected) {
            int at = resources.indexOf(resource);
            if (patch.isArray()) {
                resources.set(at, (ObjectNode) JsonPatch.of(patch).apply(resource));
                continue;
            }
            ObjectNode copy = ((ObjectNode) patch).deepCopy();
            copy.withObjectProperty("metadata").set("name", resource.at("/metadata/name"));
            copy.set("apiVersion", resource.get("apiVersion"));
            copy.set("kind", resource.get("kind"));
            Optional<ObjectNode> merged = strategicMerge.apply(resource, copy);
            if (merged.isEmpty()) {
                resources.remove(at);
                continue;
            }
            ObjectNode result = merged.get();
            result.set("kind", resource.get("kind"));
            result.withObjectProperty("metadata").set("name", resource.at("/metadata/name"));
            if (resource.at("/metadata/namespace").isMissingNode()) {
                result.withObjectProperty("metadata").remove("namespace");
            }
            resources.set(at, result);
        }
    }

    private static ObjectNode byId(List<ObjectNode> resources, JsonNode patch) {
        return resources.stream()
                .filter(r -> r.path("apiVersion").equals(patch.path("apiVersion")) && r.path("kind").equals(patch.path("kind"))
                        && r.at("/metadata/name").equals(patch.at("/metadata/name")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no target for patch " + patch.at("/metadata/name")));
    }

    private static List<ObjectNode> select(List<ObjectNode> resources, JsonNode target) {
        target.fieldNames().forEachRemaining(field -> {
            if (!TARGET_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unsupported target field " + field);
            }
        });
        return resources.stream().filter(r -> {
            String apiVersion = r.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            return matches(target.get("group"), group) && matches(target.get("version"), version)
                    && matches(target.get("kind"), r.path("kind").asText())
                    && matches(target.get("name"), r.at("/metadata/name").asText())
                    && matches(target.get("namespace"), r.at("/metadata/namespace").asText());
        }).toList();
    }

    private static boolean matches(JsonNode wanted, String actual) {
        return wanted == null || actual.matches(wanted.asText());
    }

    private String patchText(JsonNode entry) throws IOException {
        return entry.has("path") ? Files.readString(root.resolve(entry.get("path").asText())) : entry.get("patch").asText();
    }

    private String text(String pathOrInline) throws IOException {
        return pathOrInline.contains("\n") ? pathOrInline : Files.readString(root.resolve(pathOrInline));
    }

    private List<JsonNode> documents(String text) {
        return reader.read("input", text).stream().filter(d -> !d.isEmpty()).map(YamlDocument::value).toList();
    }
}
