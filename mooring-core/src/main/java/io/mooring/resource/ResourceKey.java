package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What identifies a Kubernetes object: group, version, kind, namespace and name. The empty group is
 * the core group; the namespace is empty for cluster-scoped objects and for namespaced ones that
 * take the destination's default.
 */
public record ResourceKey(String group, String version, String kind, String namespace, String name) {
    public ResourceKey {
        group = nullToEmpty(group);
        version = nullToEmpty(version);
        kind = nullToEmpty(kind);
        namespace = nullToEmpty(namespace);
        name = nullToEmpty(name);
    }

    /** The key of an object; missing fields are empty. */
    public static ResourceKey of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        JsonNode metadata = object.path("metadata");
        return new ResourceKey(group, version, object.path("kind").asText(""),
                metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code Kind.group/namespace/name}, as kubectl names objects; group and namespace only when set. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind);
        if (!group.isEmpty()) {
            text.append('.').append(group);
        }
        text.append('/');
        if (!namespace.isEmpty()) {
            text.append(namespace).append('/');
        }
        return text.append(name).toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
