package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a transformer looks in objects of some type: a slash-separated path ({@code []} marks a
 * list, {@code \/} escapes a slash inside a key) and whether a missing field is created.
 */
record FieldSpec(Gvk gvk, String path, boolean create) {

    static FieldSpec of(String path, boolean create) {
        return new FieldSpec(Gvk.ANY, path, create);
    }

    /** Reads {@code {path, create, group, version, kind}} as kustomize's configuration files write it. */
    static FieldSpec parse(JsonNode node) {
        return new FieldSpec(new Gvk(node.path("group").asText(""), node.path("version").asText(""),
                node.path("kind").asText("")), node.path("path").asText(""), node.path("create").asBoolean(false));
    }

    static List<FieldSpec> parseAll(JsonNode list) {
        List<FieldSpec> specs = new ArrayList<>();
        list.forEach(n -> specs.add(parse(n)));
        return specs;
    }

    /** Whether an object of type {@code objectGvk} is one this spec applies to. */
    boolean appliesTo(Gvk objectGvk) {
        return objectGvk.isSelectedBy(gvk);
    }

    /** Same type and path (the creation flag aside): kustomize treats such specs as one. */
    boolean sameTarget(FieldSpec other) {
        return gvk.equals(other.gvk) && path.equals(other.path);
    }

    List<String> segments() {
        String[] parts = path.split("/", -1);
        List<String> result = new ArrayList<>();
        for (String part : parts) {
            int last = result.size() - 1;
            if (last >= 0 && result.get(last).endsWith("\\")) {
                String previous = result.get(last);
                result.set(last, previous.substring(0, previous.length() - 1) + "/" + part);
            } else {
                result.add(part);
            }
        }
        return result;
    }
}
