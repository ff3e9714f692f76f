package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each built-in transformer looks: the field specs per category (name prefix, labels,
 * namespace, images, ...) and which fields refer to which kinds by name. Built from the defaults,
 * then extended by a kustomization's {@code configurations} files and {@code crds}.
 */
final class TransformerConfig {
    static final List<String> CATEGORIES = List.of("namePrefix", "nameSuffix", "namespace", "commonLabels",
            "labels", "templateLabels", "commonAnnotations", "varReference", "images", "replicas");

    /** The categories' names in kustomize's messages. */
    private static final Map<String, String> GO_NAMES = Map.of("namePrefix", "NamePrefix", "nameSuffix", "NameSuffix",
            "namespace", "NameSpace", "commonLabels", "CommonLabels", "labels", "Labels", "templateLabels", "TemplateLabels",
            "commonAnnotations", "CommonAnnotations", "varReference", "VarReference", "images", "Images", "replicas", "Replicas");

    private final Map<String, List<FieldSpec>> specs = new LinkedHashMap<>();
    private final List<NameBackReference> nameReferences = new ArrayList<>();

    /** A kind that others refer to by name, and the fields that do. */
    record NameBackReference(Gvk target, List<FieldSpec> referrers) {
    }

    TransformerConfig() {
        CATEGORIES.forEach(c -> specs.put(c, new ArrayList<>()));
    }

    List<FieldSpec> specs(String category) {
        return List.copyOf(specs.get(category));
    }

    List<NameBackReference> nameReferences() {
        return List.copyOf(nameReferences);
    }

    void addSpec(String category, FieldSpec spec) {
        try {
            specs.put(category, mergeOne(specs.get(category), spec));
        } catch (KustomizeException e) {
            throw new KustomizeException("failed to merge " + GO_NAMES.getOrDefault(category, category) + " fieldSpec: " + e.problem());
        }
    }

    void addNameReference(Gvk target, FieldSpec referrer) {
        for (int i = 0; i < nameReferences.size(); i++) {
            NameBackReference existing = nameReferences.get(i);
            if (existing.target().equals(target)) {
                nameReferences.set(i, new NameBackReference(target, mergeOne(existing.referrers(), referrer)));
                return;
            }
        }
        nameReferences.add(new NameBackReference(target, List.of(referrer)));
    }

    /** Adds everything {@code other} has that this lacks. */
    void merge(TransformerConfig other) {
        other.specs.forEach((category, list) -> list.forEach(spec -> addSpec(category, spec)));
        other.nameReferences.forEach(ref -> ref.referrers().forEach(r -> addNameReference(ref.target(), r)));
    }

    /**
     * Adds one spec unless an effectively equal one (same path, type selected by the new one's) is
     * there; two such specs that disagree about creating the field are an error, as in kustomize.
     */
    static List<FieldSpec> mergeOne(List<FieldSpec> list, FieldSpec spec) {
        for (FieldSpec existing : list) {
            if (existing.path().equals(spec.path()) && existing.gvk().isSelectedBy(spec.gvk())) {
                if (existing.create() != spec.create()) {
                    throw new KustomizeException("conflicting fieldspecs");
                }
                return list;
            }
        }
        List<FieldSpec> result = new ArrayList<>(list);
        result.add(spec);
        return result;
    }

    static List<FieldSpec> mergeAll(List<FieldSpec> list, List<FieldSpec> more) {
        List<FieldSpec> result = list;
        for (FieldSpec spec : more) {
            result = mergeOne(result, spec);
        }
        return result;
    }

    /** Reads a configurations file: categories of field specs and {@code nameReference} entries. */
    static TransformerConfig parse(String source, JsonNode node) {
        TransformerConfig config = new TransformerConfig();
        if (!node.isObject()) {
            return config;
        }
        for (String category : CATEGORIES) {
            for (JsonNode spec : node.path(category)) {
                config.addSpec(category, FieldSpec.parse(spec));
            }
        }
        for (JsonNode ref : node.path("nameReference")) {
            Gvk target = new Gvk(ref.path("group").asText(""), ref.path("version").asText(""), ref.path("kind").asText(""));
            for (JsonNode referrer : ref.path("fieldSpecs")) {
                config.addNameReference(target, FieldSpec.parse(referrer));
            }
        }
        return config;
    }
}
