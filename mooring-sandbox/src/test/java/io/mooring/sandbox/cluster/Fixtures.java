package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

/** Objects from YAML text and the built-in resource types, for the cluster package's tests. */
public final class Fixtures {
    private static final ApiCatalog CATALOG = ApiCatalog.kubernetes();

    private Fixtures() {
    }

    public static ObjectNode yaml(String text) {
        return (ObjectNode) node(text);
    }

    public static JsonNode node(String text) {
        try {
            return new YamlReader().readOne("test", text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ResourceType type(String group, String plural) {
        String version = switch (group) {
            case "autoscaling" -> "v2";
            default -> "v1";
        };
        return CATALOG.byPlural(group, version, plural).orElseThrow();
    }
}
