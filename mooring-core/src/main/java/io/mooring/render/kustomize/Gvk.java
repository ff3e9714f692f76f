package io.mooring.render.kustomize;

/**
 * Group, version and kind, kustomize's way: empty parts of a selector match anything, and the string
 * form ({@code Kind.version.group} with {@code [noGrp]}-style placeholders) is the one kustomize
 * prints in its messages, so that users can search for them.
 */
record Gvk(String group, String version, String kind) {
    static final Gvk ANY = new Gvk("", "", "");

    Gvk {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        kind = kind == null ? "" : kind;
    }

    /** Splits {@code apps/v1} into group and version; {@code v1} is the core group. */
    static Gvk of(String apiVersion, String kind) {
        String av = apiVersion == null ? "" : apiVersion;
        int slash = av.indexOf('/');
        if (slash >= 0) {
            return new Gvk(av.substring(0, slash), av.substring(slash + 1), kind);
        }
        return new Gvk("", av, kind);
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether this (as an object's type) is matched by {@code selector}, where empty parts are wildcards. */
    boolean isSelectedBy(Gvk selector) {
        return (selector.group.isEmpty() || selector.group.equals(group))
                && (selector.version.isEmpty() || selector.version.equals(version))
                && (selector.kind.isEmpty() || selector.kind.equals(kind));
    }

    boolean isClusterScoped() {
        return ClusterScope.isClusterScoped(apiVersion(), kind);
    }

    @Override
    public String toString() {
        return (kind.isEmpty() ? "[noKind]" : kind) + "." + (version.isEmpty() ? "[noVer]" : version) + "."
                + (group.isEmpty() ? "[noGrp]" : group);
    }
}
