package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * Puts namespaced objects into one namespace, and follows where namespaces are named elsewhere
 * (a Namespace object's own name, APIService and webhook service references). RoleBinding and
 * ClusterRoleBinding subjects are set by {@link Subjects}: by default only those that name the
 * {@code default} service account, as in kustomize.
 *
 * @param unsetOnly only fill namespace fields that are empty
 */
record NamespaceTransformer(String namespace, List<FieldSpec> specs, boolean unsetOnly, Subjects subjects) implements Transformer {
    private static final String META_NAMESPACE = "metadata/namespace";
    private static final String META_NAME = "metadata/name";
    /** The spec path kustomize replaces by its own handling of role binding subjects. */
    private static final String SUBJECTS_NAMESPACE = "subjects/namespace";

    /** Which role binding subjects get the namespace ({@code setRoleBindingSubjects}). */
    enum Subjects {
        DEFAULT_ONLY("defaultOnly"), ALL_SERVICE_ACCOUNTS("allServiceAccounts"), NONE("none");

        private final String text;

        Subjects(String text) {
            this.text = text;
        }

        static Subjects parse(String text) {
            if (text.isEmpty()) {
                return DEFAULT_ONLY;
            }
            for (Subjects mode : values()) {
                if (mode.text.equals(text)) {
                    return mode;
                }
            }
            throw new KustomizeException("invalid value \"" + text + "\" for setRoleBindingSubjects: must be one of "
                    + "\"defaultOnly\", \"none\" or \"allServiceAccounts\"");
        }

        boolean selects(JsonNode subject) {
            return switch (this) {
                case DEFAULT_ONLY -> subject.path("name").asText("").equals("default") && subject.path("name").isTextual();
                case ALL_SERVICE_ACCOUNTS -> subject.path("kind").asText("").equals("ServiceAccount") && subject.path("kind").isTextual();
                case NONE -> false;
            };
        }
    }

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

    /** Sets the namespace fields of one object (no bookkeeping of its earlier id). */
    void apply(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        Gvk gvk = Gvk.of(apiVersion, object.path("kind").asText(""));
        if (!gvk.isClusterScoped()) {
            FieldPaths.apply(object, FieldSpec.of(META_NAMESPACE, true), FieldPaths.Create.SCALAR, this::set);
        }
        boolean roleBinding = gvk.kind().equals("RoleBinding") || gvk.kind().equals("ClusterRoleBinding");
        if (roleBinding) {
            setSubjects(object);
        }
        for (FieldSpec spec : specs) {
            if (spec.path().equals(META_NAMESPACE)
                    // Only a core v1 object (a Namespace) has its name set to the namespace.
                    || (spec.path().equals(META_NAME) && !apiVersion.equals("v1"))
                    || (roleBinding && isRoleBinding(spec.gvk().kind()) && spec.path().equals(SUBJECTS_NAMESPACE))) {
                continue;
            }
            try {
                FieldPaths.apply(object, spec, FieldPaths.Create.SCALAR, this::set);
            } catch (KustomizeException e) {
                throw new KustomizeException("namespace field specs must target scalar nodes: " + e.problem());
            }
        }
    }

    private static boolean isRoleBinding(String kind) {
        return kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding");
    }

    private void setSubjects(ObjectNode object) {
        for (JsonNode subject : object.path("subjects")) {
            if (subject instanceof ObjectNode map && subjects.selects(map)) {
                if (!map.has("namespace") || map.get("namespace").isNull()) {
                    map.put("namespace", "");
                }
                set(FieldPaths.fieldSlot(map, "namespace"));
            }
        }
    }

    private void set(FieldPaths.Slot slot) {
        JsonNode current = slot.get();
        if (current != null && current.isContainerNode()) {
            throw new KustomizeException("wrong node kind: expected ScalarNode but got "
                    + (current.isArray() ? "SequenceNode" : "MappingNode"));
        }
        if (unsetOnly && current != null && !Scalars.nodeText(current).isEmpty()) {
            return;
        }
        slot.set(TextNode.valueOf(namespace));
    }
}
