package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ApiCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class CrdRegistryTest {
    private static final String CRD = """
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {kind: Widget, plural: widgets, shortNames: [wg]}
              versions:
              - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}, subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}}
              - {name: v2, served: %s, storage: false, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
            """;

    @Test
    void servedVersionsAreRegisteredAndWithdrawnWithTheirSchemas() {
        ApiCatalog catalog = ApiCatalog.kubernetes();
        List<String> calls = new ArrayList<>();
        CrdRegistry registry = new CrdRegistry(catalog, CustomResourceSchemas.of(
                (apiVersion, kind, schema) -> calls.add("register " + apiVersion + " " + kind), (apiVersion, kind) -> calls.add("unregister " + apiVersion)));

        registry.serve(yaml(CRD.formatted("true")), false);
        var v1 = catalog.byPlural("example.com", "v1", "widgets").orElseThrow();
        assertThat(v1.namespaced()).isFalse();
        assertThat(v1.subresources()).containsExactly("scale", "status");
        assertThat(v1.shortNames()).containsExactly("wg");
        assertThat(catalog.byPlural("example.com", "v2", "widgets")).isPresent();
        assertThat(calls).containsExactlyInAnyOrder("register example.com/v1 Widget", "register example.com/v2 Widget");

        calls.clear();
        registry.serve(yaml(CRD.formatted("false")), false);
        assertThat(catalog.byPlural("example.com", "v2", "widgets")).as("a version no longer served is gone").isEmpty();
        assertThat(catalog.byPlural("example.com", "v1", "widgets")).isPresent();
        assertThat(calls).containsExactly("unregister example.com/v2");

        registry.withdraw("widgets.example.com");
        assertThat(catalog.byPlural("example.com", "v1", "widgets")).isEmpty();
        assertThat(registry.get("example.com/widgets")).isNull();
    }

    @Test
    void namesTakenByAnotherCrdOfTheGroupConflict() {
        ObjectNode holder = yaml("""
                metadata: {name: widgets.example.com}
                spec: {group: example.com, names: {kind: Widget, plural: widgets}}
                status: {acceptedNames: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, shortNames: [wg]}}
                """);
        JsonNode sameKind = yaml("metadata: {name: widgetz.example.com}\nspec: {group: example.com, names: {kind: Widget, plural: widgetz}}");
        JsonNode sameShortName = yaml("metadata: {name: gears.example.com}\nspec: {group: example.com, names: {kind: Gear, plural: gears, "
                + "listKind: GearList, shortNames: [wg]}}");
        JsonNode otherGroup = yaml("metadata: {name: widgets.other.io}\nspec: {group: other.io, names: {kind: Widget, plural: widgets}}");
        assertThat(CrdTypes.conflict(sameKind, List.of(holder))).isEqualTo(new CrdTypes.Conflict("KindConflict", "\"Widget\" is already in use"));
        assertThat(CrdTypes.conflict(sameShortName, List.of(holder)).reason()).isEqualTo("ShortNamesConflict");
        assertThat(CrdTypes.conflict(otherGroup, List.of(holder))).isNull();
    }
}
