package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

/**
 * A minimal OpenAPI v3 description of the served paths. kubectl reads it to learn that the server
 * validates fields itself ({@code fieldValidation} on PATCH), and then leaves validation to the
 * server instead of downloading schemas. Schemas are not described here.
 */
final class OpenApiV3 {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ApiCatalog catalog;

    OpenApiV3(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code /openapi/v3}: where each group version's document is. */
    ObjectNode root() {
        ObjectNode root = JSON.objectNode();
        ObjectNode paths = root.putObject("paths");
        for (String groupVersion : catalog.groupVersions()) {
            String path = groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + Integer.toHexString(
                    catalog.all().stream().filter(t -> t.apiVersion().equals(groupVersion)).map(ResourceType::plural).toList().hashCode()));
        }
        return root;
    }

    /** The document of one group version, or null when it is not served. */
    ObjectNode groupVersion(String groupVersion) {
        var types = catalog.all().stream().filter(t -> t.apiVersion().equals(groupVersion)).toList();
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes (Mooring sandbox)");
        info.put("version", "v1.34.1");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType type : types) {
            String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.apiVersion();
            String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            if (type.verbs().contains("patch")) {
                ObjectNode patch = paths.putObject(collection + "/{name}").putObject("patch");
                ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
                gvk.put("group", type.group());
                gvk.put("version", type.version());
                gvk.put("kind", type.kind());
                ArrayNode parameters = patch.putArray("parameters");
                for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
                    ObjectNode parameter = parameters.addObject();
                    parameter.put("name", name);
                    parameter.put("in", "query");
                    parameter.putObject("schema").put("type", name.equals("force") ? "boolean" : "string");
                }
                patch.putObject("responses");
            }
        }
        doc.putObject("components").putObject("schemas");
        return doc;
    }
}
