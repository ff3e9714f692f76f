package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kustomize var (deprecated in favour of replacements, still widely used): {@code $(NAME)} in
 * certain fields is replaced by a field of another object.
 *
 * @param name      what {@code $(...)} names
 * @param target    the object to read from
 * @param fieldPath the field to read, {@code metadata.name} by default
 */
record Var(String name, ResId target, String fieldPath) {
    static Var parse(JsonNode node) {
        String name = node.path("name").asText("");
        JsonNode ref = node.path("objref");
        String apiVersion = ref.path("apiVersion").asText("");
        Gvk gvk = apiVersion.isEmpty()
                ? new Gvk(ref.path("group").asText(""), ref.path("version").asText(""), ref.path("kind").asText(""))
                : Gvk.of(apiVersion, ref.path("kind").asText(""));
        String fieldPath = node.path("fieldref").path("fieldPath").asText("");
        return new Var(name, new ResId(gvk, ref.path("name").asText(""), ref.path("namespace").asText("")),
                fieldPath.isEmpty() ? "metadata.name" : fieldPath);
    }

    /** As kustomize prints a var in messages. */
    @Override
    public String toString() {
        return "{" + name + " {" + target.gvk().kind() + " " + target.name() + " " + target.gvk().apiVersion() + "} {" + fieldPath + "}}";
    }
}
