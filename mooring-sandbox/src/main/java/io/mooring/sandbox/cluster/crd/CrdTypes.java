package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a CustomResourceDefinition (apiextensions.k8s.io/v1) makes the API serve: pure functions over its JSON. */
public final class CrdTypes {
    /** The verbs of every custom resource. */
    static final Set<String> VERBS = new TreeSet<>(Set.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"));

    private CrdTypes() {
    }

    public static String group(JsonNode crd) {
        return Nodes.text(crd, "spec", "group");
    }

    public static String plural(JsonNode crd) {
        return Nodes.text(crd, "spec", "names", "plural");
    }

    /** One type per served version, with the subresources and names that version declares. */
    public static List<ResourceType> served(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        boolean namespaced = spec.path("scope").asText("Namespaced").equals("Namespaced");
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            Set<String> subresources = new TreeSet<>();
            if (version.path("subresources").has("status")) {
                subresources.add("status");
            }
            if (version.path("subresources").has("scale")) {
                subresources.add("scale");
            }
            types.add(new ResourceType(spec.path("group").asText(), version.path("name").asText(), names.path("kind").asText(),
                    names.path("plural").asText(), namespaced, VERBS, subresources, Nodes.strings(names, "shortNames"),
                    Nodes.strings(names, "categories")));
        }
        return types;
    }

    /** The {@code openAPIV3Schema} of a version, or null when it has none. */
    public static JsonNode schema(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                JsonNode schema = v.path("schema").path("openAPIV3Schema");
                return schema.isObject() ? schema : null;
            }
        }
        return null;
    }

    /** The names a CRD asks for, in the form {@code status.acceptedNames} reports them. */
    static ObjectNode requestedNames(JsonNode crd) {
        JsonNode names = crd.path("spec").path("names");
        ObjectNode accepted = Nodes.JSON.objectNode();
        if (!Nodes.empty(names, "categories")) {
            accepted.set("categories", names.get("categories").deepCopy());
        }
        accepted.put("kind", names.path("kind").asText(""));
        accepted.put("listKind", names.path("listKind").asText(""));
        accepted.put("plural", names.path("plural").asText(""));
        if (!Nodes.empty(names, "shortNames")) {
            accepted.set("shortNames", names.get("shortNames").deepCopy());
        }
        accepted.put("singular", names.path("singular").asText(""));
        return accepted;
    }

    /**
     * Why the names of {@code crd} clash with another CRD of the same group that holds them
     * (its kind, list kind or short names); null when they do not.
     */
    static Conflict conflict(JsonNode crd, List<? extends JsonNode> others) {
        JsonNode names = crd.path("spec").path("names");
        for (JsonNode other : others) {
            if (!group(other).equals(group(crd)) || Nodes.text(other, "metadata", "name").equals(Nodes.text(crd, "metadata", "name"))) {
                continue;
            }
            JsonNode taken = other.path("status").path("acceptedNames");
            String kind = names.path("kind").asText("");
            if (kind.equals(taken.path("kind").asText()) || kind.equals(taken.path("listKind").asText())) {
                return new Conflict("KindConflict", "\"" + kind + "\" is already in use");
            }
            String listKind = names.path("listKind").asText("");
            if (listKind.equals(taken.path("kind").asText()) || listKind.equals(taken.path("listKind").asText())) {
                return new Conflict("ListKindConflict", "\"" + listKind + "\" is already in use");
            }
            Set<String> shortNames = new TreeSet<>(Nodes.strings(taken, "shortNames"));
            shortNames.add(taken.path("plural").asText());
            shortNames.add(taken.path("singular").asText());
            for (String shortName : Nodes.strings(names, "shortNames")) {
                if (shortNames.contains(shortName)) {
                    return new Conflict("ShortNamesConflict", "\"" + shortName + "\" is already in use");
                }
            }
        }
        return null;
    }

    record Conflict(String reason, String message) {
    }
}
