package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Turns YAML text into resources the way kustomize does: empty documents dropped, lists inlined, metadata checked. */
final class ResourceFactory {
    private static final YamlReader READER = new YamlReader();

    private ResourceFactory() {
    }

    static List<Resource> fromYaml(String source, String text) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        for (YamlDocument document : READER.read(source, text)) {
            // kustomize skips empty documents, and an empty list ("[]") is as good as empty.
            if (document.isEmpty() || (document.value().isArray() && document.value().isEmpty())) {
                continue;
            }
            if (!document.value().isObject()) {
                throw new ManifestException(source, document.line(),
                        "expected a YAML mapping (a Kubernetes object), found " + kindOf(document.value()), null);
            }
            if (document.value().isEmpty()) {
                continue;
            }
            validate(source, document.value());
            queue.add(document.value());
        }
        List<Resource> result = new ArrayList<>();
        // Like kustomize, the items of a FooList go to the end of the queue, after the other documents.
        while (!queue.isEmpty()) {
            JsonNode node = queue.poll();
            String kind = node.path("kind").asText("");
            if (!kind.endsWith("List") || !node.has("items")) {
                result.add(new Resource((ObjectNode) node));
                continue;
            }
            JsonNode items = node.get("items");
            if (items.isNull()) {
                continue;
            }
            if (!items.isArray()) {
                throw new KustomizeException(source, "expected array in " + kind + "/items, but found " + kindOf(items), null);
            }
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw new KustomizeException(source, "trouble expanding list of " + kind + "; items must be objects", null);
                }
                validate(source, item);
                queue.add(item);
            }
        }
        return result;
    }

    private static void validate(String source, JsonNode object) {
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw new KustomizeException(source, "missing kind in object " + brief(object), "every resource needs apiVersion and kind");
        }
        if (!kind.endsWith("List") && object.path("metadata").path("name").asText("").isEmpty()) {
            throw new KustomizeException(source, "missing metadata.name in object " + brief(object), "give the resource a name");
        }
    }

    private static String brief(JsonNode object) {
        return "{" + object.path("apiVersion").asText("") + " " + object.path("kind").asText("") + " "
                + object.path("metadata").path("name").asText("") + "}";
    }

    private static String kindOf(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "a scalar";
    }
}
