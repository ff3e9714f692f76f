package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.List;
import java.util.Map;

/**
 * Aggregated discovery ({@code apidiscovery.k8s.io/v2}): every group, version and resource in one
 * document per root ({@code /api}, {@code /apis}), which kubectl and client-go ask for first and
 * which spares them a request per group version.
 */
final class AggregatedDiscovery {
    static final String MEDIA_TYPE_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    static final String MEDIA_TYPE_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ApiCatalog catalog;
    private final Discovery discovery;

    AggregatedDiscovery(ApiCatalog catalog, Discovery discovery) {
        this.catalog = catalog;
        this.discovery = discovery;
    }

    /** The version of aggregated discovery the Accept header asks for first, or null for the legacy documents. */
    static String negotiate(String accept) {
        if (accept == null) {
            return null;
        }
        for (String mediaType : accept.split(",")) {
            String type = mediaType.replace(" ", "");
            if (type.contains("as=APIGroupDiscoveryList") && type.contains("g=apidiscovery.k8s.io")) {
                if (type.contains("v=v2beta1")) {
                    return "v2beta1";
                }
                if (type.contains("v=v2")) {
                    return "v2";
                }
            }
            if (type.startsWith("application/json") && !type.contains("as=")) {
                return null;
            }
        }
        return null;
    }

    /** The document of the core group ({@code core}) or of the named groups. */
    ObjectNode document(boolean core, String version) {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "APIGroupDiscoveryList");
        doc.put("apiVersion", "apidiscovery.k8s.io/" + version);
        doc.putObject("metadata");
        ArrayNode items = doc.putArray("items");
        for (Map.Entry<String, List<String>> group : discovery.groupVersions().entrySet()) {
            if (group.getKey().isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            ObjectNode metadata = item.putObject("metadata");
            if (!core) {
                metadata.put("name", group.getKey());
            }
            ArrayNode versions = item.putArray("versions");
            for (String v : group.getValue()) {
                versions.add(version(group.getKey(), v));
            }
        }
        return doc;
    }

    private ObjectNode version(String group, String version) {
        ObjectNode result = JSON.objectNode();
        result.put("version", version);
        ArrayNode resources = result.putArray("resources");
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        for (ResourceType type : catalog.all()) {
            if (type.apiVersion().equals(groupVersion)) {
                resources.add(resource(type));
            }
        }
        result.put("freshness", "Current");
        return result;
    }

    private static ObjectNode resource(ResourceType type) {
        ObjectNode resource = JSON.objectNode();
        resource.put("resource", type.plural());
        kind(resource.putObject("responseKind"), type.group(), type.version(), type.kind());
        resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
        resource.put("singularResource", type.singular());
        ArrayNode verbs = resource.putArray("verbs");
        type.verbs().stream().sorted().forEach(verbs::add);
        if (!type.shortNames().isEmpty()) {
            ArrayNode shortNames = resource.putArray("shortNames");
            type.shortNames().forEach(shortNames::add);
        }
        if (!type.categories().isEmpty()) {
            ArrayNode categories = resource.putArray("categories");
            type.categories().forEach(categories::add);
        }
        if (!type.subresources().isEmpty()) {
            ArrayNode subresources = resource.putArray("subresources");
            for (String sub : type.subresources()) {
                Discovery.Subresource shape = Discovery.Subresource.of(type, sub);
                ObjectNode subresource = subresources.addObject();
                subresource.put("subresource", sub);
                kind(subresource.putObject("responseKind"), shape.group(), shape.version(), shape.kind());
                ArrayNode subVerbs = subresource.putArray("verbs");
                shape.verbs().forEach(subVerbs::add);
            }
        }
        return resource;
    }

    private static void kind(ObjectNode node, String group, String version, String kind) {
        node.put("group", group);
        node.put("version", version);
        node.put("kind", kind);
    }
}
