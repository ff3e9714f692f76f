package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The discovery documents clients read to learn what the server serves: {@code /api},
 * {@code /apis}, and a resource list per group version. Built from the catalog on every request,
 * so a newly registered CRD shows up at once.
 */
final class Discovery {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ApiCatalog catalog;

    Discovery(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode coreVersions() {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        ObjectNode address = doc.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", "127.0.0.1");
        return doc;
    }

    ObjectNode groups() {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        groupVersions().forEach((group, versions) -> {
            if (!group.isEmpty()) {
                groups.add(group(group, versions));
            }
        });
        return doc;
    }

    /** One group, or null when it is not served. */
    ObjectNode group(String name) {
        List<String> versions = groupVersions().get(name);
        return versions == null ? null : group(name, versions);
    }

    private ObjectNode group(String name, List<String> versions) {
        ObjectNode group = JSON.objectNode();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String version : versions) {
            ObjectNode v = list.addObject();
            v.put("groupVersion", name + "/" + version);
            v.put("version", version);
        }
        ObjectNode preferred = group.putObject("preferredVersion");
        preferred.put("groupVersion", name + "/" + versions.getFirst());
        preferred.put("version", versions.getFirst());
        return group;
    }

    /** The resources of a group version, or null when it is not served. */
    ObjectNode resources(String group, String version) {
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        List<ResourceType> types = catalog.all().stream().filter(t -> t.apiVersion().equals(groupVersion)).toList();
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType type : types) {
            resources.add(resource(type, type.plural(), type.verbs()));
            for (String sub : type.subresources()) {
                resources.add(subresource(type, sub));
            }
        }
        return doc;
    }

    private static ObjectNode resource(ResourceType type, String name, Set<String> verbs) {
        ObjectNode resource = JSON.objectNode();
        resource.put("name", name);
        resource.put("singularName", type.singular());
        resource.put("namespaced", type.namespaced());
        resource.put("kind", type.kind());
        ArrayNode verbList = resource.putArray("verbs");
        verbs.stream().sorted().forEach(verbList::add);
        if (!type.shortNames().isEmpty()) {
            ArrayNode shortNames = resource.putArray("shortNames");
            type.shortNames().forEach(shortNames::add);
        }
        if (!type.categories().isEmpty()) {
            ArrayNode categories = resource.putArray("categories");
            type.categories().forEach(categories::add);
        }
        return resource;
    }

    /** A subresource as kube-apiserver lists it: its own verbs, and the kind it takes when that is not the resource's. */
    private static ObjectNode subresource(ResourceType type, String sub) {
        Subresource shape = Subresource.of(type, sub);
        ObjectNode resource = JSON.objectNode();
        resource.put("name", type.plural() + "/" + sub);
        resource.put("singularName", "");
        resource.put("namespaced", type.namespaced());
        if (!shape.group().equals(type.group()) || !shape.version().equals(type.version())) {
            resource.put("group", shape.group());
            resource.put("version", shape.version());
        }
        resource.put("kind", shape.kind());
        ArrayNode verbList = resource.putArray("verbs");
        shape.verbs().forEach(verbList::add);
        return resource;
    }

    /**
     * What a subresource takes and allows.
     *
     * @param group   the group of its kind (Scale is autoscaling's, Eviction policy's, ...)
     */
    record Subresource(String group, String version, String kind, List<String> verbs) {
        static Subresource of(ResourceType type, String sub) {
            String[] kind = switch (sub) {
                case "scale" -> new String[] {"autoscaling", "v1", "Scale"};
                case "eviction" -> new String[] {"policy", "v1", "Eviction"};
                case "token" -> new String[] {"authentication.k8s.io", "v1", "TokenRequest"};
                case "binding" -> new String[] {type.group(), type.version(), "Binding"};
                case "exec" -> new String[] {type.group(), type.version(), "PodExecOptions"};
                case "attach" -> new String[] {type.group(), type.version(), "PodAttachOptions"};
                case "portforward" -> new String[] {type.group(), type.version(), "PodPortForwardOptions"};
                case "proxy" -> new String[] {type.group(), type.version(), type.kind() + "ProxyOptions"};
                default -> new String[] {type.group(), type.version(), type.kind()};
            };
            List<String> verbs = switch (sub) {
                case "log" -> List.of("get");
                case "binding", "eviction", "token" -> List.of("create");
                case "exec", "attach", "portforward" -> List.of("create", "get");
                case "proxy" -> List.of("create", "delete", "get", "patch", "update");
                case "finalize" -> List.of("update");
                default -> List.of("get", "patch", "update");
            };
            return new Subresource(kind[0], kind[1], kind[2], verbs);
        }
    }

    /** Versions per group, newest-looking first (v2 before v1, v1 before v1beta1), as discovery orders them. */
    Map<String, List<String>> groupVersions() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String groupVersion : catalog.groupVersions()) {
            int slash = groupVersion.indexOf('/');
            String group = slash < 0 ? "" : groupVersion.substring(0, slash);
            String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
            result.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(version);
        }
        result.values().forEach(versions -> versions.sort(Discovery::compareVersions));
        return result;
    }

    /** Kubernetes' version priority: GA over beta over alpha, higher numbers first. */
    static int compareVersions(String a, String b) {
        return Integer.compare(priority(b), priority(a));
    }

    private static int priority(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(version);
        if (!m.matches()) {
            return -1;
        }
        int major = Integer.parseInt(m.group(1));
        int stability = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return stability * 1_000_000 + major * 1000 + minor;
    }
}
