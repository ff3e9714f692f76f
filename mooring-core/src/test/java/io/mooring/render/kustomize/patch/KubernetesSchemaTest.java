package io.mooring.render.kustomize.patch;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesSchemaTest {
    private final KubernetesSchema builtin = KubernetesSchema.builtin();

    @Test
    void builtinGivesContainersTheirMergeKeyThroughReferences() {
        FieldSchema containers = builtin.lookup("apps/v1", "Deployment", "spec", "template", "spec", "containers").orElseThrow();
        assertThat(containers.patchStrategy()).isEqualTo("merge");
        assertThat(containers.mergeKeys()).containsExactly("name");
        assertThat(containers.mergesElements()).isTrue();
        assertThat(builtin.lookup("apps/v1", "Deployment", "spec", "template", "spec", "containers", "[]", "volumeMounts")
                .orElseThrow().mergeKeys()).containsExactly("mountPath");
    }

    @Test
    void listMapKeysWinOverTheSingleMergeKey() {
        assertThat(builtin.lookup("v1", "Service", "spec", "ports").orElseThrow().mergeKeys()).containsExactly("port", "protocol");
        assertThat(builtin.lookup("v1", "Pod", "spec", "containers", "[]", "ports").orElseThrow().mergeKeys())
                .containsExactly("containerPort", "protocol");
    }

    @Test
    void volumesMergeAlthoughTheirStrategyAlsoSaysRetainKeys() {
        FieldSchema volumes = builtin.lookup("v1", "Pod", "spec", "volumes").orElseThrow();
        assertThat(volumes.patchStrategy()).isEqualTo("merge,retainKeys");
        assertThat(volumes.mergesElements()).isTrue();
    }

    @Test
    void finalizersMergeAsAListOfScalars() {
        FieldSchema finalizers = builtin.lookup("v1", "ConfigMap", "metadata", "finalizers").orElseThrow();
        assertThat(finalizers.mergesElements()).isTrue();
        assertThat(finalizers.mergeKeys()).isEmpty();
        assertThat(finalizers.elements().orElseThrow().type()).isEqualTo("string");
    }

    @Test
    void mapValuesTakeTheAdditionalPropertiesSchema() {
        assertThat(builtin.lookup("v1", "Pod", "spec", "nodeSelector", "any-key").orElseThrow().type()).isEqualTo("string");
    }

    @Test
    void listsWithoutStrategyAndUnknownKindsDoNotMerge() {
        assertThat(builtin.lookup("v1", "Pod", "spec", "tolerations").orElseThrow().mergesElements()).isFalse();
        assertThat(builtin.resource("example.com/v1", "MyCRD")).isEmpty();
        assertThat(builtin.lookup("apps/v1", "Deployment", "spec", "noSuchField")).isEmpty();
    }

    @Test
    void scopeIsKnownForTopLevelKinds() {
        assertThat(builtin.namespaced("apps/v1", "Deployment")).isEqualTo(Optional.of(true));
        assertThat(builtin.namespaced("v1", "Namespace")).isEqualTo(Optional.of(false));
        assertThat(builtin.namespaced("apps/v1", "DeploymentList")).as("lists have no scope in the data").isEmpty();
    }

    @Test
    void theBuiltinTableIsLoadedOnce() {
        assertThat(KubernetesSchema.builtin()).isSameAs(builtin);
    }

    @Test
    void aCustomDocumentReplacesTheBuiltinDefinitionsAndTellsScopeFromPaths() {
        KubernetesSchema custom = KubernetesSchema.fromOpenApi(Trees.yaml("""
                definitions:
                  com.example.Widget:
                    properties:
                      spec:
                        properties:
                          parts: {type: array, items: {type: object}, x-kubernetes-patch-strategy: merge,
                                  x-kubernetes-patch-merge-key: id, x-kubernetes-list-map-keys: [id, kind]}
                    x-kubernetes-group-version-kind: [{group: example.com, version: v1, kind: Widget}]
                paths:
                  /apis/example.com/v1/namespaces/{namespace}/widgets/{name}:
                    get: {x-kubernetes-group-version-kind: {group: example.com, version: v1, kind: Widget}}
                """));
        assertThat(custom.lookup("example.com/v1", "Widget", "spec", "parts").orElseThrow().mergeKeys()).containsExactly("id", "kind");
        assertThat(custom.namespaced("example.com/v1", "Widget")).isEqualTo(Optional.of(true));
        assertThat(custom.resource("apps/v1", "Deployment")).as("as in kyaml, a custom schema replaces the built-in one").isEmpty();
    }
}
