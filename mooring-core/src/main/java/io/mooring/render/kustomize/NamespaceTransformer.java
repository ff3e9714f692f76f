package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * Puts namespaced objects into one namespace, and follows where namespaces are named elsewhere
 * (a Namespace object's own name, APIService and webhook service references). RoleBinding subjects
 * get the namespace only where they name the {@code default} service account, as in kustomize.
 */
record NamespaceTransformer(String namespace, List<FieldSpec> specs, boolean skipExisting) implements Transformer {
    private static final String META_NAMESPACE = "metadata/namespace";

    @Override
    public void transform(ResMap resources) {
        if (namespace.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            if (resource.isEmpty()) {
                continue;
            }
            resource.storePreviousId();
            apply(resource.object());
            if (resources.byCurrentId(resource.curId()::matches).size() != 1) {
                throw new KustomizeException("namespace transformation produces ID conflict: "
                        + resources.byCurrentId(resource.curId()::matches));
            }
        }
    }

    private void apply(ObjectNode object) {
        Gvk gvk = Gvk.of(object.path("apiVersion").asText(""), object.path("kind").asText(""));
        if (!gvk.isClusterScoped()) {
            FieldPaths.apply(object, FieldSpec.of(META_NAMESPACE, true), FieldPaths.Create.SCALAR, this::set);
        }
        boolean roleBinding = gvk.kind().equals("RoleBinding") || gvk.kind().equals("ClusterRoleBinding");
        if (roleBinding) {
            setDefaultServiceAccountSubjects(object);
        }
        for (FieldSpec spec : specs) {
            if (spec.path().equals(META_NAMESPACE) || (roleBinding && spec.path().equals("subjects"))) {
                continue;
            }
            FieldPaths.apply(object, spec, FieldPaths.Create.SCALAR, this::set);
        }
    }

    private void setDefaultServiceAccountSubjects(ObjectNode object) {
        for (JsonNode subject : object.path("subjects")) {
            if (subject instanceof ObjectNode map && map.path("name").asText("").equals("default")) {
                if (!map.has("namespace")) {
                    map.put("namespace", "");
                }
                set(FieldPaths.fieldSlot(map, "namespace"));
            }
        }
    }

    private void set(FieldPaths.Slot slot) {
        if (skipExisting && !slot.get().asText("").isEmpty()) {
            return;
        }
        slot.set(TextNode.valueOf(namespace));
    }
}
