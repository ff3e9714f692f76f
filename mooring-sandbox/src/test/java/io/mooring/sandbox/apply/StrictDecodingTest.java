package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What decoding a request into its kind's type reports and drops. */
class StrictDecodingTest {
    private final ResourceSchemas schemas = ResourceSchemas.kubernetes();
    private final SchemaPatchEngine engine = new SchemaPatchEngine(schemas, Clock.systemUTC());
    private static final ResourceType WIDGET = new ResourceType("example.com", "v1", "Widget", "widgets", true,
            Set.of("create", "patch"), Set.of(), List.of(), List.of());

    @Test
    void unknownAndRepeatedFieldsAreReportedInDocumentOrderAndUnknownOnesDropped() {
        ObjectNode deployment = Objects.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {anything: goes}}
                spec:
                  unknown1: val1
                  paused: false
                  selector: {matchLabels: {app: web}}
                  template:
                    spec:
                      containers: [{name: web, unknownNested: x, imagePullPolicy: Never}]
                """);
        List<String> problems = engine.decode(Objects.type("apps/v1", "Deployment"), deployment,
                Set.of("spec.paused", "spec.template.spec.containers[0].imagePullPolicy"));
        assertThat(problems).containsExactly("unknown field \"spec.unknown1\"", "duplicate field \"spec.paused\"",
                "unknown field \"spec.template.spec.containers[0].unknownNested\"",
                "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
        assertThat(deployment.at("/spec").has("unknown1")).as("unknown fields are dropped as decoding drops them").isFalse();
        assertThat(deployment.at("/spec/template/spec/containers/0").has("unknownNested")).isFalse();
    }

    @Test
    void nullValuesDecodeToNothing() {
        ObjectNode config = Objects.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, labels: null}, data: {k: v}}");
        assertThat(engine.decode(Objects.type("v1", "ConfigMap"), config, Set.of())).isEmpty();
        assertThat(config.at("/metadata").has("labels")).isFalse();
    }

    @Test
    void aCustomResourceFollowsItsRegisteredSchema() {
        schemas.register("example.com/v1", "Widget", Objects.node("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """));
        ObjectNode widget = Objects.yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, labels: {a: b}}
                spec: {size: 1, colour: red, extra: {anything: {at: all}}}
                """);
        assertThat(engine.decode(WIDGET, widget, Set.of())).containsExactly("unknown field \"spec.colour\"");
        assertThat(widget.at("/spec/extra/anything/at").asText()).isEqualTo("all");
    }

    @Test
    void aCustomResourceWithoutSchemaTakesAnyField() {
        ObjectNode widget = Objects.yaml("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {anything: 1}}");
        assertThat(engine.decode(WIDGET, widget, Set.of())).isEmpty();
    }

    @Test
    void customResourcesMergeMapsByKeyAndReplaceListsWithoutSchemaButMergeTheirMapListsWithOne() {
        ObjectNode first = engine.apply(WIDGET, null, Objects.yaml("""
                {apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {items: [{name: a}], size: 1}}
                """), "one", false, "");
        ObjectNode merged = engine.apply(WIDGET, first, Objects.yaml("""
                {apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {items: [{name: b}]}}
                """), "two", true, "");
        assertThat(merged.at("/spec/items")).as("lists of an unregistered kind are atomic").isEqualTo(Objects.node("[{name: b}]"));
        assertThat(merged.at("/spec/size").asInt()).isEqualTo(1);

        schemas.register("example.com/v1", "Widget", Objects.node("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      items:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, properties: {name: {type: string}}}
                """));
        ObjectNode keyed = engine.apply(WIDGET, first, Objects.yaml("""
                {apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {items: [{name: b}]}}
                """), "two", false, "");
        assertThat(keyed.at("/spec/items")).as("a list-map merges by key").isEqualTo(Objects.node("[{name: a}, {name: b}]"));
        schemas.unregister("example.com/v1", "Widget");
    }
}
