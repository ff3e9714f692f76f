package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.patch.JsonPatch;
import io.mooring.render.kustomize.patch.KubernetesSchema;
import io.mooring.render.kustomize.patch.StrategicMergePatch;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's three patch transformers: {@code patches} (strategic merge or JSON 6902, chosen by
 * what the patch is, optionally with a target selector), {@code patchesStrategicMerge} and
 * {@code patchesJson6902}. The merge engines live in {@code kustomize.patch}; this is what kustomize
 * does around them: choosing targets, keeping names and kinds unless allowed to change, dropping
 * deleted objects.
 */
final class Patches {
    private Patches() {
    }

    /** A {@code patches} entry: {@code path} or {@code patch}, an optional {@code target}, {@code options}. */
    static Transformer patch(JsonNode entry, FileLoader loader, KubernetesSchema schema) {
        String path = Scalars.text(entry.get("path"));
        String raw = Scalars.text(entry.get("patch"));
        String inline = raw.strip();
        if (path.isEmpty() && inline.isEmpty()) {
            throw new KustomizeException("must specify one of patch and path in\n" + entry);
        }
        if (!path.isEmpty() && !inline.isEmpty()) {
            throw new KustomizeException("patch and path can't be set at the same time\n" + entry);
        }
        String source = path.isEmpty() ? "inline patch" : loader.root().resolve(path).toString();
        String content = path.isEmpty() ? inline : load(loader, path);
        Selector target = entry.path("target").isObject() ? Selector.parse(entry.path("target")) : null;
        JsonNode options = entry.path("options");
        List<Resource> strategic = asStrategicMerge(source, content);
        JsonPatch json = asJsonPatch(source, content);
        String described = describe(path, raw);
        if (strategic != null && json != null) {
            throw new KustomizeException(source, "illegally qualifies as both an SM and JSON patch: " + described,
                    "an empty patch is both; give it content");
        }
        if (strategic == null && json == null) {
            throw new KustomizeException(source, "unable to parse SM or JSON patch from " + described,
                    "a patch is either one Kubernetes object (strategic merge) or a list of JSON patch operations");
        }
        if (json != null) {
            if (target == null) {
                throw new KustomizeException(source, "must specify a target for JSON patch " + described, "add a target: selector");
            }
            return resources -> {
                for (Resource resource : target.select(resources)) {
                    resource.storePreviousId();
                    applyJson(resource, json);
                }
            };
        }
        for (Resource patch : strategic) {
            if (options.path("allowNameChange").asBoolean(false)) {
                patch.setAnnotation(Resource.ALLOW_NAME_CHANGE, Resource.ENABLED);
            }
            if (options.path("allowKindChange").asBoolean(false)) {
                patch.setAnnotation(Resource.ALLOW_KIND_CHANGE, Resource.ENABLED);
            }
        }
        StrategicMergePatch merger = new StrategicMergePatch(schema);
        if (target == null) {
            // Several patches in one entry each patch the object they name, in order.
            return resources -> {
                for (Resource patch : strategic) {
                    applyStrategic(untargeted(resources, patch), patch, merger);
                    resources.dropEmpties();
                }
            };
        }
        if (strategic.size() > 1) {
            throw new KustomizeException(source, "Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: "
                    + described, "split the patches into entries of their own, or drop the target");
        }
        Resource patch = strategic.getFirst();
        return resources -> applyToSelected(resources, target.select(resources), patch, merger);
    }

    private static Resource untargeted(ResMap resources, Resource patch) {
        try {
            return resources.getById(patch.orgId());
        } catch (ManifestException e) {
            throw KustomizeException.wrap("no resource matches strategic merge patch \"" + patch.orgId() + "\"", e);
        }
    }

    private static String load(FileLoader loader, String path) {
        try {
            return loader.load(path);
        } catch (ManifestException e) {
            throw KustomizeException.wrap("failed to get the patch file from path(" + path + ")", e);
        }
    }

    /** How kustomize names a patch entry in its errors: {@code [path: "p.yaml"]} or {@code [patch: "..."]}, Go-quoted. */
    private static String describe(String path, String patch) {
        return path.isEmpty() ? "[patch: " + GoQuote.quote(patch) + "]" : "[path: " + GoQuote.quote(path) + "]";
    }

    /**
     * {@code patchesStrategicMerge} (and the PatchStrategicMergeTransformer's {@code paths} and
     * {@code patches}): each of {@code entries} is inline patch text or a file of patches, and
     * {@code content} is patch text; each patch targets the object it names.
     */
    static Transformer strategicMerge(List<String> entries, String content, FileLoader loader, KubernetesSchema schema) {
        if (entries.isEmpty() && content.isEmpty()) {
            throw new KustomizeException("empty file path and empty patch content");
        }
        List<Resource> patches = new ArrayList<>();
        for (String entry : entries) {
            List<Resource> inline = inlinePatches(entry);
            if (inline != null) {
                patches.addAll(inline);
            } else {
                patches.addAll(ResourceFactory.fromYaml(loader.root().resolve(entry).toString(), loader.load(entry)));
            }
        }
        if (!content.isEmpty()) {
            patches.addAll(ResourceFactory.fromYaml("inline patch", content));
        }
        if (patches.isEmpty()) {
            throw new KustomizeException("patch appears to be empty; files=" + entries.toString().replace(",", "") + ", Patch=" + content);
        }
        StrategicMergePatch merger = new StrategicMergePatch(schema);
        return resources -> {
            for (Resource patch : patches) {
                Resource target = resources.getById(patch.orgId());
                applyToSelected(resources, List.of(target), patch, merger);
            }
        };
    }

    /** {@code patchesJson6902}: a target with a name, and operations in a file ({@code path}) or inline ({@code patch}). */
    static Transformer json6902(JsonNode entry, FileLoader loader) {
        JsonNode targetNode = entry.path("target");
        String path = Scalars.text(entry.get("path"));
        String inline = Scalars.text(entry.has("patch") ? entry.get("patch") : entry.get("jsonOp"));
        if (!targetNode.isObject()) {
            throw new KustomizeException("must specify a target for patch " + inline);
        }
        Selector target = Selector.parse(targetNode);
        if (target.name().isEmpty()) {
            throw new KustomizeException("must specify the target name");
        }
        if (path.isEmpty() && inline.isEmpty()) {
            throw new KustomizeException("empty file path and empty jsonOp");
        }
        if (!path.isEmpty() && !inline.isEmpty()) {
            throw new KustomizeException("must specify a file path or jsonOp, not both");
        }
        String source = path.isEmpty() ? "inline patch" : loader.root().resolve(path).toString();
        String content = path.isEmpty() ? inline : loader.load(path);
        JsonPatch json = asJsonPatch(source, content);
        if (json == null) {
            throw new KustomizeException(source, "not a JSON 6902 patch: expected a list of operations", null);
        }
        return resources -> target.select(resources).forEach(resource -> applyJson(resource, json));
    }

    /**
     * The patch applied to each selected object; objects the patch deletes are dropped. This is
     * kustomize's ResMap.ApplySmPatch (used with a target, and by patchesStrategicMerge), which
     * first rewrites the patch's labels and annotations as string maps (see {@link #asStringMaps}).
     */
    private static void applyToSelected(ResMap resources, List<Resource> selected, Resource patch, StrategicMergePatch merger) {
        List<Resource> kept = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            if (selected.contains(resource)) {
                Resource copy = asStringMaps(patch.deepCopy());
                copy.setGvk(resource.gvk());
                copy.setKind(patch.kind());
                applyStrategic(resource, copy, merger);
            }
            if (!resource.isEmpty()) {
                kept.add(resource);
            }
        }
        resources.clear();
        kept.forEach(resources::append);
    }

    /**
     * kustomize copies a patch's own labels and annotations onto itself before merging it
     * (CopyMergeMetaDataFieldsFrom), which reads them as kyaml's string maps and writes them back.
     * So in a patch applied this way every value becomes a string: {@code 1} becomes "1", and
     * {@code null} becomes the string "null" instead of deleting the key ("~" for {@code ~}), a map value becomes "";
     * a field that is not a map, or an empty map, is dropped from the patch. Kept for
     * compatibility, though {@code null} not deleting a label is surely not what users want.
     */
    private static Resource asStringMaps(Resource patch) {
        patch.setLabels(patch.labels());
        patch.setAnnotations(patch.annotations());
        return patch;
    }

    /** Merges, then restores the target's kind and name unless the patch may change them, and always its namespace. */
    private static void applyStrategic(Resource target, Resource patch, StrategicMergePatch merger) {
        String name = target.name();
        String namespace = target.namespace();
        String kind = target.kind();
        if (patch.nameChangeAllowed() || patch.kindChangeAllowed()) {
            target.storePreviousId();
        }
        ObjectNode merged = merger.apply(target.object(), patch.object()).orElse(null);
        if (merged == null || merged.isEmpty()) {
            target.setObject(JsonNodeFactory.instance.objectNode());
            return;
        }
        target.setObject(merged);
        if (!patch.kindChangeAllowed()) {
            target.setKind(kind);
        }
        if (!patch.nameChangeAllowed()) {
            target.setName(name);
        }
        target.setNamespace(namespace);
    }

    /** A JSON patch rewrites the object; kustomize's internal annotations survive it. */
    private static void applyJson(Resource resource, JsonPatch json) {
        Map<String, String> internal = new LinkedHashMap<>();
        resource.annotations().forEach((key, value) -> {
            if (Resource.BUILD_ANNOTATIONS.contains(key) || key.startsWith(Resource.DOMAIN)) {
                internal.put(key, value);
            }
        });
        JsonNode patched = json.apply(resource.object());
        if (!(patched instanceof ObjectNode object)) {
            throw new KustomizeException("JSON patch on " + resource.curId() + " did not leave an object");
        }
        resource.setObject(object);
        Map<String, String> annotations = resource.annotations();
        annotations.putAll(internal);
        resource.setAnnotations(annotations);
    }

    /** The objects (any number, even none), or null when the text is not Kubernetes objects. */
    private static List<Resource> asStrategicMerge(String source, String content) {
        try {
            return ResourceFactory.fromYaml(source, content);
        } catch (ManifestException e) {
            return null;
        }
    }

    /**
     * JSON patch operations (JSON, or YAML for convenience), or null when the text is not a list
     * of them. Like kustomize, an empty document (nothing, or only comments) is an empty list.
     */
    private static JsonPatch asJsonPatch(String source, String content) {
        try {
            // Go's YAML-to-JSON conversion (go-yaml v2) reads the first document only, and reads
            // yes/no/on/off as booleans.
            List<YamlDocument> documents = YamlReader.goYamlV2().read(source, content);
            JsonNode operations = documents.isEmpty() ? NullNode.instance : documents.getFirst().value();
            if (operations.isNull()) {
                return JsonPatch.of(JsonNodeFactory.instance.arrayNode());
            }
            if (!operations.isArray()) {
                return null;
            }
            return JsonPatch.of(operations);
        } catch (ManifestException e) {
            return null;
        }
    }

    /** kustomize first tries a patchesStrategicMerge entry as patch text; null when it is not (then it is a path). */
    private static List<Resource> inlinePatches(String entry) {
        try {
            List<Resource> patches = ResourceFactory.fromYaml("inline patch", entry);
            return patches.isEmpty() ? null : patches;
        } catch (ManifestException e) {
            return null;
        }
    }
}
