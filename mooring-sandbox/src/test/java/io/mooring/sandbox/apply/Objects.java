package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

/** Test objects written as YAML, and the types they belong to. */
final class Objects {
    private static final YamlReader READER = new YamlReader();
    private static final ApiCatalog CATALOG = ApiCatalog.kubernetes();

    private Objects() {
    }

    static ObjectNode yaml(String text) {
        return (ObjectNode) READER.readOne("test.yaml", text);
    }

    static JsonNode node(String text) {
        return READER.readOne("test.yaml", text);
    }

    static ResourceType type(String apiVersion, String kind) {
        return CATALOG.byKind(apiVersion, kind).orElseThrow();
    }
}
