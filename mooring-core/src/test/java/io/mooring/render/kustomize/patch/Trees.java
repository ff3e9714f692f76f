package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;

/** YAML in tests, read the way resources are read. */
final class Trees {
    private static final YamlReader READER = new YamlReader();

    private Trees() {
    }

    static JsonNode yaml(String text) {
        return READER.readOne("test.yaml", text);
    }

    static ObjectNode object(String text) {
        return (ObjectNode) yaml(text);
    }
}
