package io.mooring.render.kustomize.patch;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The API server's table: every field, and what server-side apply and the server's strategic merge read. */
class ApiServerSchemaTest {
    private final KubernetesSchema server = KubernetesSchema.apiServer();

    @Test
    void knowsEveryFieldIncludingPlainScalars() {
        FieldSchema spec = server.lookup("apps/v1", "Deployment", "spec").orElseThrow();
        assertThat(spec.propertyNames()).as("scalar fields are kept, strict validation needs them")
                .contains("replicas", "paused", "minReadySeconds", "selector", "template");
        assertThat(spec.property("replicass")).as("an undeclared field has no schema").isEmpty();
        assertThat(spec.property("replicas").orElseThrow().type()).isEqualTo("integer");
    }

    @Test
    void listsCarryTheirServerSideApplyTypeAndKeys() {
        FieldSchema ports = server.lookup("v1", "Service", "spec", "ports").orElseThrow();
        assertThat(ports.listType()).isEqualTo("map");
        assertThat(ports.listMapKeys()).containsExactly("port", "protocol");
        assertThat(ports.patchMergeKey()).as("strategic merge patch matches by the single merge key").isEqualTo("port");
        assertThat(server.lookup("v1", "Pod", "spec", "tolerations").orElseThrow().listType()).isEqualTo("atomic");
        assertThat(server.lookup("v1", "ConfigMap", "metadata", "finalizers").orElseThrow().listType()).isEqualTo("set");
    }

    @Test
    void mapTypesComeFromTheDefinitionUnlessTheFieldSaysOtherwise() {
        assertThat(server.lookup("apps/v1", "Deployment", "spec", "selector").orElseThrow().mapType())
                .as("LabelSelector is an atomic struct").isEqualTo("atomic");
        assertThat(server.lookup("v1", "Pod", "spec", "nodeSelector").orElseThrow().mapType()).isEqualTo("atomic");
        assertThat(server.lookup("v1", "PersistentVolume", "spec", "claimRef").orElseThrow().mapType())
                .as("claimRef overrides ObjectReference's atomic map type").isEqualTo("granular");
        assertThat(server.lookup("v1", "Pod", "spec", "containers", "[]", "env", "[]", "valueFrom", "configMapKeyRef")
                .orElseThrow().mapType()).isEqualTo("atomic");
    }

    @Test
    void aReferenceKeepsItsOwnStrategyForTheServerOnly() {
        assertThat(server.lookup("policy/v1", "PodDisruptionBudget", "spec", "selector").orElseThrow().serverPatchStrategy())
                .as("the selector of a PodDisruptionBudget is replaced whole by strategic merge").isEqualTo("replace");
        assertThat(server.lookup("apps/v1", "Deployment", "spec", "strategy").orElseThrow().serverPatchStrategy()).isEqualTo("retainKeys");
        assertThat(server.lookup("apps/v1", "Deployment", "spec", "strategy").orElseThrow().patchStrategy())
                .as("kyaml's reading of the same field is unchanged").isEmpty();
        assertThat(server.lookup("v1", "Pod", "spec", "containers").orElseThrow().serverPatchStrategy()).isEqualTo("merge");
    }

    @Test
    void definitionsAndFormatsAreKnown() {
        FieldSchema maxSurge = server.lookup("apps/v1", "Deployment", "spec", "strategy", "rollingUpdate", "maxSurge").orElseThrow();
        assertThat(maxSurge.definition()).isEqualTo("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(maxSurge.format()).isEqualTo("int-or-string");
        assertThat(server.lookup("v1", "Pod", "metadata", "creationTimestamp").orElseThrow().format()).isEqualTo("date-time");
    }

    @Test
    void scopeComesFromThePaths() {
        assertThat(server.namespaced("apps/v1", "Deployment")).isEqualTo(Optional.of(true));
        assertThat(server.namespaced("v1", "Node")).isEqualTo(Optional.of(false));
    }

    @Test
    void anInlineSchemaResolvesReferencesToTheTablesDefinitions() {
        FieldSchema widget = server.inline(Trees.yaml("""
                type: object
                properties:
                  metadata: {$ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, properties: {name: {type: string}}}
                """));
        assertThat(widget.property("metadata").orElseThrow().property("labels")).isPresent();
        FieldSchema spec = widget.property("spec").orElseThrow();
        assertThat(spec.preservesUnknownFields()).isTrue();
        assertThat(spec.property("ports").orElseThrow().listMapKeys()).containsExactly("name");
    }

    @Test
    void theKustomizeTableStaysWithoutTheServersExtensions() {
        FieldSchema ports = KubernetesSchema.builtin().lookup("v1", "Service", "spec", "ports").orElseThrow();
        assertThat(ports.listType()).as("kyaml reads no list type; its table has none").isEmpty();
        assertThat(ports.mergeKeys()).containsExactly("port", "protocol");
    }
}
