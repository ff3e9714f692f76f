package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.validation.FieldErrors;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import static io.mooring.sandbox.cluster.Fixtures.node;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class StructuralSchemaTest {
    private static final ObjectNode SCHEMA = yaml("""
            type: object
            properties:
              spec:
                type: object
                required: [image]
                properties:
                  image: {type: string, pattern: '^[a-z]'}
                  replicas: {type: integer, minimum: 1, default: 1}
                  mode: {type: string, enum: [fast, safe], default: safe}
                  labels: {type: object, additionalProperties: {type: string}}
                  extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  ports: {type: array, maxItems: 2, items: {type: object, properties: {port: {type: integer}}}}
                  target: {x-kubernetes-int-or-string: true}
              status: {type: object, properties: {ready: {type: boolean}}}
            """);

    @Test
    void unknownFieldsArePrunedExceptWhereTheSchemaPreservesThem() {
        ObjectNode object = yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, labels: {a: b}}
                spec:
                  image: nginx
                  typo: 3
                  labels: {x: y}
                  extra: {anything: {goes: here}}
                  ports: [{port: 80, name: http}]
                unknownTop: true
                """);
        StructuralSchema.prune(object, SCHEMA);
        assertThat(object).isEqualTo(yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, labels: {a: b}}
                spec:
                  image: nginx
                  labels: {x: y}
                  extra: {anything: {goes: here}}
                  ports: [{port: 80}]
                """));
    }

    @Test
    void nullsWhereTheSchemaAllowsNoneAreDroppedThenDefaulted() {
        ObjectNode object = yaml("spec: {image: nginx, replicas: null, labels: {a: null}}\nstatus: null");
        StructuralSchema.prune(object, SCHEMA);
        StructuralSchema.applyDefaults(object, SCHEMA);
        assertThat(object).isEqualTo(yaml("spec: {image: nginx, replicas: 1, labels: {}, mode: safe}"));
    }

    @Test
    void defaultsFillOnlyMissingFields() {
        ObjectNode object = yaml("spec: {image: nginx, replicas: 3}");
        StructuralSchema.applyDefaults(object, SCHEMA);
        assertThat(object.get("spec")).isEqualTo(node("{image: nginx, replicas: 3, mode: safe}"));
    }

    @Test
    void valueChecksAreWordedAsTheApiServerWordsThem() {
        ObjectNode object = yaml("""
                spec: {replicas: 0, mode: turbo, image: Nginx, ports: [{port: 1}, {port: 2}, {port: "3"}], target: 1.5}
                status: {ready: "yes"}
                """);
        FieldErrors errors = new FieldErrors();
        StructuralSchema.validate(object, SCHEMA, errors);
        assertThat(errors.causes()).extracting(ApiException.Cause::text).containsExactlyInAnyOrder(
                "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
                "spec.mode: Unsupported value: \"turbo\": supported values: \"fast\", \"safe\"",
                "spec.image: Invalid value: \"Nginx\": spec.image in body should match '^[a-z]'",
                "spec.ports: Too many: 3: must have at most 2 items",
                "spec.ports[2].port: Invalid value: \"string\": spec.ports[2].port in body must be of type integer: \"string\"",
                "spec.target: Invalid value: \"number\": spec.target in body must be of type integer,string: \"number\"",
                "status.ready: Invalid value: \"string\": status.ready in body must be of type boolean: \"string\"");
    }

    @Test
    void requiredFieldsAreReported() {
        FieldErrors errors = new FieldErrors();
        StructuralSchema.validate(yaml("spec: {replicas: 2}"), SCHEMA, errors);
        assertThat(errors.causes()).extracting(ApiException.Cause::text).containsExactly("spec.image: Required value");
    }
}
