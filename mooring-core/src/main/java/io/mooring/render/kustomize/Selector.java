package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;

import java.util.List;

/**
 * A patch or replacement target: group, version, kind, name and namespace as anchored regular
 * expressions (empty matches anything), plus label and annotation selectors. Names and namespaces
 * match if either the original or the current one does, as in kustomize.
 */
record Selector(String group, String version, String kind, String name, String namespace,
                String labelSelector, String annotationSelector) {

    static Selector parse(JsonNode node) {
        Gvk gvk = node.has("apiVersion") ? Gvk.of(node.path("apiVersion").asText(""), text(node, "kind"))
                : new Gvk(text(node, "group"), text(node, "version"), text(node, "kind"));
        return new Selector(gvk.group(), gvk.version(), gvk.kind(), text(node, "name"), text(node, "namespace"),
                text(node, "labelSelector"), text(node, "annotationSelector"));
    }

    private static String text(JsonNode node, String field) {
        return Scalars.text(node.get(field));
    }

    boolean matches(Resource resource) {
        ResId current = resource.curId();
        ResId original = resource.orgId();
        if (!Regexes.matchesWhole(namespace, original.effectiveNamespace())
                && !Regexes.matchesWhole(namespace, current.effectiveNamespace())) {
            return false;
        }
        if (!Regexes.matchesWhole(name, original.name()) && !Regexes.matchesWhole(name, current.name())) {
            return false;
        }
        Gvk gvk = resource.gvk();
        if (!Regexes.matchesWhole(group, gvk.group()) || !Regexes.matchesWhole(version, gvk.version())
                || !Regexes.matchesWhole(kind, gvk.kind())) {
            return false;
        }
        return matchesLabels(resource);
    }

    /** Whether the label and annotation selectors (no selector: anything) take {@code resource}. */
    boolean matchesLabels(Resource resource) {
        return parse(labelSelector).matches(resource.labels()) && parse(annotationSelector).matches(resource.annotations());
    }

    private static LabelSelector parse(String selector) {
        try {
            return LabelSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            throw new KustomizeException(e.getMessage());
        }
    }

    List<Resource> select(ResMap resources) {
        return resources.resources().stream().filter(this::matches).toList();
    }

    /** As kustomize prints a selector in messages. */
    @Override
    public String toString() {
        return new ResId(new Gvk(group, version, kind), name, namespace).toString();
    }
}
