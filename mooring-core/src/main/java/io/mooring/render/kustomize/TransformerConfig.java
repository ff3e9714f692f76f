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

    private final Map<String, SpecList> specs = new LinkedHashMap<>();
    private final Map<Gvk, SpecList> nameReferences = new LinkedHashMap<>();

    /** A kind that others refer to by name, and the fields that do. */
    record NameBackReference(Gvk target, List<FieldSpec> referrers) {
    }

    TransformerConfig() {
        CATEGORIES.forEach(c -> specs.put(c, new SpecList()));
    }

    List<FieldSpec> specs(String category) {
        return specs.get(category).toList();
    }

    List<NameBackReference> nameReferences() {
        List<NameBackReference> result = new ArrayList<>();
        nameReferences.forEach((target, referrers) -> result.add(new NameBackReference(target, referrers.toList())));
        return result;
    }

    void addSpec(String category, FieldSpec spec) {
        addSpecs(category, List.of(spec));
    }

    /** Merges {@code more} into a category; a conflict names the category as kustomize does. */
    private void addSpecs(String category, List<FieldSpec> more) {
        try {
            specs.get(category).addAll(more);
        } catch (KustomizeException e) {
            throw new KustomizeException("failed to merge " + GO_NAMES.getOrDefault(category, category) + " fieldSpec: " + e.problem());
        }
    }

    void addNameReference(Gvk target, FieldSpec referrer) {
        nameReferences.computeIfAbsent(target, t -> new SpecList()).add(referrer);
    }

    /** Adds everything {@code other} has that this lacks. */
    void merge(TransformerConfig other) {
        other.specs.forEach((category, list) -> addSpecs(category, list.toList()));
        other.nameReferences.forEach((target, referrers) ->
                nameReferences.computeIfAbsent(target, t -> new SpecList()).addAll(referrers.toList()));
    }

    /** {@code list} and then {@code more}, merged by the same rule. */
    static List<FieldSpec> mergeAll(List<FieldSpec> list, List<FieldSpec> more) {
        SpecList merged = SpecList.of(list);
        merged.addAll(more);
        return merged.toList();
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
