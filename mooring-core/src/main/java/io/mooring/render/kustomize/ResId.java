package io.mooring.render.kustomize;

/**
 * The identity kustomize tracks an object by. Namespaces compare by their effective value: empty
 * and {@code default} are the same, and cluster-scoped objects have none.
 */
record ResId(Gvk gvk, String name, String namespace) {
    static final String DEFAULT_NAMESPACE = "default";
    private static final String CLUSTER_SCOPED = "_non_namespaceable_";

    ResId {
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    boolean isClusterScoped() {
        return gvk.isClusterScoped();
    }

    String effectiveNamespace() {
        if (isClusterScoped()) {
            return CLUSTER_SCOPED;
        }
        return namespace.isEmpty() || namespace.equals(DEFAULT_NAMESPACE) ? DEFAULT_NAMESPACE : namespace;
    }

    boolean isNsEquals(ResId other) {
        return effectiveNamespace().equals(other.effectiveNamespace());
    }

    boolean gvknEquals(ResId other) {
        return name.equals(other.name) && gvk.equals(other.gvk);
    }

    /** Same namespace (effectively), group, version, kind and name. */
    boolean matches(ResId other) {
        return isNsEquals(other) && gvknEquals(other);
    }

    /** Whether {@code selector} selects this id; its empty fields are wildcards. */
    boolean isSelectedBy(ResId selector) {
        return (selector.name.isEmpty() || selector.name.equals(name))
                && (selector.namespace.isEmpty() || selector.isNsEquals(this))
                && gvk.isSelectedBy(selector.gvk);
    }

    /** kustomize's text form, e.g. {@code Deployment.v1.apps/web.[noNs]}. */
    @Override
    public String toString() {
        return gvk + "/" + (name.isEmpty() ? "[noName]" : name) + "." + (namespace.isEmpty() ? "[noNs]" : namespace);
    }
}
