package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mooring.render.kustomize.patch.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;

class StrategicMergeListTest {
    private final StrategicMergePatch patcher = new StrategicMergePatch(KubernetesSchema.builtin());

    private static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n";

    private ObjectNode merge(String resource, String patch) {
        return patcher.apply(object(resource), object(patch)).orElseThrow();
    }

    private static ObjectNode deployment(String podSpec) {
        return object(DEPLOYMENT + "spec: {template: {spec: " + podSpec + "}}\n");
    }

    private ObjectNode mergePodSpec(String resourcePodSpec, String patchPodSpec) {
        return patcher.apply(deployment(resourcePodSpec), deployment(patchPodSpec)).orElseThrow();
    }

    private static List<String> names(JsonNode list, String key) {
        List<String> names = new ArrayList<>();
        list.forEach(element -> names.add(element.path(key).asText()));
        return names;
    }

    @Test
    void containersMergeByNameAndWhatThePatchNamesComesFirst() {
        ObjectNode merged = mergePodSpec("{containers: [{name: a, image: a:1}, {name: b, image: b:1}, {name: c}]}",
                "{containers: [{name: b, image: b:2}, {name: d, image: d:1}]}");
        JsonNode containers = merged.at("/spec/template/spec/containers");
        assertThat(names(containers, "name"))
                .as("kustomize prepends patch elements: patched and new containers first, then the others in order")
                .containsExactly("b", "d", "a", "c");
        assertThat(containers.get(0)).isEqualTo(object("{name: b, image: b:2}"));
        assertThat(containers.get(2)).isEqualTo(object("{name: a, image: a:1}"));
    }

    @Test
    void nestedMergeKeysWorkInsideMergedElements() {
        ObjectNode merged = mergePodSpec("""
                {containers: [{name: a, env: [{name: X, value: "1"}], volumeMounts: [{mountPath: /a, name: v}]}]}
                """, """
                {containers: [{name: a, env: [{name: Y, value: "2"}], volumeMounts: [{mountPath: /a, readOnly: true}]}]}
                """);
        JsonNode container = merged.at("/spec/template/spec/containers/0");
        assertThat(names(container.get("env"), "name")).as("env merges by name").containsExactly("Y", "X");
        assertThat(container.get("volumeMounts")).as("volumeMounts merge by mountPath")
                .isEqualTo(Trees.yaml("[{mountPath: /a, name: v, readOnly: true}]"));
    }

    @Test
    void elementWithPatchDeleteIsRemovedAndDeletingAMissingElementAddsNothing() {
        ObjectNode merged = mergePodSpec("""
                {containers: [{name: w, env: [{name: EXISTING, value: e}, {name: FOR_REMOVAL, value: r}]}]}
                """, """
                {containers: [{name: w, env: [{name: FOR_REMOVAL, $patch: delete}, {name: NOT_THERE, $patch: delete}]}]}
                """);
        assertThat(merged.at("/spec/template/spec/containers/0/env"))
                .isEqualTo(Trees.yaml("[{name: EXISTING, value: e}]"));
    }

    @Test
    void deletingTheLastElementLeavesAnEmptyList() {
        ObjectNode merged = mergePodSpec("{containers: [{name: test, image: test}]}",
                "{containers: [{name: test, image: test, $patch: delete}]}");
        assertThat(merged.at("/spec/template/spec/containers")).as("kyaml keeps `containers: []`")
                .isEqualTo(Trees.yaml("[]"));
    }

    @Test
    void listReplaceDirectiveReplacesTheWholeList() {
        ObjectNode merged = mergePodSpec("{containers: [{name: test, image: test}]}",
                "{containers: [{name: replace, image: replace}, {$patch: replace}]}");
        assertThat(merged.at("/spec/template/spec/containers"))
                .isEqualTo(Trees.yaml("[{name: replace, image: replace}]"));
    }

    @Test
    void listDeleteDirectiveRemovesTheList() {
        ObjectNode merged = mergePodSpec("{containers: [{name: test}]}", "{containers: [whatever, {$patch: delete}]}");
        assertThat(merged.at("/spec/template/spec")).as("the list goes, its empty parent stays").isEqualTo(object("{}"));
    }

    @Test
    void listMergeDirectiveMergesAsUsual() {
        ObjectNode merged = mergePodSpec("{containers: [{name: test}]}", "{containers: [{name: test2}, {$patch: merge}]}");
        assertThat(names(merged.at("/spec/template/spec/containers"), "name")).containsExactly("test2", "test");
    }

    @Test
    void replaceDirectiveOnAListElementLeavesTheResourcesElement() {
        ObjectNode merged = mergePodSpec("{volumes: [{name: v, emptyDir: {}}]}",
                "{volumes: [{name: v, $patch: replace, persistentVolumeClaim: {claimName: c}}]}");
        assertThat(merged.at("/spec/template/spec/volumes"))
                .as("kyaml sets the resource's element back after merging (kustomize#2037): use `emptyDir: null`")
                .isEqualTo(Trees.yaml("[{name: v, emptyDir: {}}]"));
    }

    @Test
    void nullInsideAnElementRemovesThatField() {
        ObjectNode merged = mergePodSpec("{volumes: [{name: fancyDisk, emptyDir: {}}]}",
                "{volumes: [{name: fancyDisk, emptyDir: null, gcePersistentDisk: {pdName: p}}]}");
        assertThat(merged.at("/spec/template/spec/volumes"))
                .isEqualTo(Trees.yaml("[{name: fancyDisk, gcePersistentDisk: {pdName: p}}]"));
    }

    @Test
    void aNewListIsTakenFromThePatchWithDirectivesAndDeletedElementsDropped() {
        ObjectNode merged = mergePodSpec("{}", "{containers: [{name: a}, {name: b, $patch: delete}, {name: c, x: null}]}");
        assertThat(merged.at("/spec/template/spec/containers")).isEqualTo(Trees.yaml("[{name: a}, {name: c}]"));
    }

    @Test
    void listsWithoutAMergeStrategyAreReplaced() {
        ObjectNode merged = mergePodSpec("{containers: [{name: a, args: [x, y]}], tolerations: [{key: k1}]}",
                "{containers: [{name: a, args: [z]}], tolerations: [{key: k2}]}");
        assertThat(merged.at("/spec/template/spec/containers/0/args")).isEqualTo(Trees.yaml("[z]"));
        assertThat(merged.at("/spec/template/spec/tolerations")).as("tolerations have no merge key in 1.21.2")
                .isEqualTo(Trees.yaml("[{key: k2}]"));
    }

    @Test
    void listsOfCustomResourcesAreReplacedSinceKustomizeInfersNoMergeKey() {
        ObjectNode merged = merge("""
                apiVersion: example.com/v1alpha1
                kind: MyCRD
                spec: {template: {spec: {containers: [{name: server, image: server, command: example}]}}}
                """, """
                apiVersion: example.com/v1alpha1
                kind: MyCRD
                spec: {template: {spec: {containers: [{name: server, image: nginx}]}}}
                """);
        assertThat(merged.at("/spec/template/spec/containers")).isEqualTo(Trees.yaml("[{name: server, image: nginx}]"));
    }

    @Test
    void aCustomOpenApiDocumentGivesCustomResourcesMergeKeys() {
        KubernetesSchema custom = KubernetesSchema.fromOpenApi(Trees.yaml("""
                definitions:
                  v1alpha1.MyCRD:
                    properties:
                      spec: {$ref: "#/definitions/v1alpha1.Spec"}
                    x-kubernetes-group-version-kind: [{group: example.com, kind: MyCRD, version: v1alpha1}]
                  v1alpha1.Spec:
                    properties:
                      template: {$ref: "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}
                  io.k8s.api.core.v1.PodTemplateSpec:
                    properties:
                      spec:
                        properties:
                          containers:
                            type: array
                            items: {type: object}
                            x-kubernetes-patch-merge-key: name
                            x-kubernetes-patch-strategy: merge
                """));
        ObjectNode merged = new StrategicMergePatch(custom).apply(object("""
                apiVersion: example.com/v1alpha1
                kind: MyCRD
                spec: {template: {spec: {containers: [{name: server, image: server, command: example}]}}}
                """), object("""
                apiVersion: example.com/v1alpha1
                kind: MyCRD
                spec: {template: {spec: {containers: [{name: server, image: nginx}]}}}
                """)).orElseThrow();
        assertThat(merged.at("/spec/template/spec/containers"))
                .isEqualTo(Trees.yaml("[{name: server, image: nginx, command: example}]"));
    }

    @Test
    void primitiveListsWithMergeStrategyMergeByValuePatchFirst() {
        ObjectNode merged = merge("apiVersion: v1\nkind: ConfigMap\nmetadata: {finalizers: [a, b]}\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {finalizers: [c, a]}\n");
        assertThat(merged.at("/metadata/finalizers")).isEqualTo(Trees.yaml("[c, a, b]"));
    }

    @Test
    void servicePortWithoutProtocolMergesWithTheSamePortWithProtocol() {
        ObjectNode merged = merge("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {ports: [{port: 30900, targetPort: 30900, protocol: TCP}], type: NodePort}
                """, """
                apiVersion: v1
                kind: Service
                metadata: {name: web, labels: {service: web}}
                spec: {ports: [{port: 30900, targetPort: 30900}], selector: {service: web}}
                """);
        assertThat(merged.at("/spec/ports")).as("ports merge on (port, protocol); a missing protocol matches")
                .isEqualTo(Trees.yaml("[{port: 30900, targetPort: 30900, protocol: TCP}]"));
    }

    @Test
    void portsWithTheSameNumberAndDifferentProtocolsStaySeparate() {
        ObjectNode resource = object(DEPLOYMENT + """
                spec: {template: {spec: {containers: [{name: c, ports: [
                  {containerPort: 8500, name: http}, {containerPort: 8301, protocol: TCP, name: lan-tcp},
                  {containerPort: 8301, protocol: UDP, name: lan-udp}]}]}}}
                """);
        ObjectNode merged = patcher.apply(resource, object("kind: Deployment\nmetadata: {name: d, labels: {test: label}}\n")).orElseThrow();
        assertThat(merged.at("/spec/template/spec/containers/0/ports")).as("an unrelated patch leaves them alone")
                .isEqualTo(resource.at("/spec/template/spec/containers/0/ports"));
    }

    @Test
    void containerPortsMergeOnPortAndProtocol() {
        ObjectNode merged = mergePodSpec("{containers: [{name: c, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 80, protocol: UDP}]}]}",
                "{containers: [{name: c, ports: [{containerPort: 80, protocol: UDP, name: dns}]}]}");
        assertThat(merged.at("/spec/template/spec/containers/0/ports"))
                .as("with several merge keys the resource's elements are set back at the end, in order")
                .isEqualTo(Trees.yaml("[{containerPort: 80, protocol: TCP}, {containerPort: 80, protocol: UDP, name: dns}]"));
    }

    @Test
    void duplicateKeysInTheResourceCollapseIntoTheLastOne() {
        ObjectNode merged = mergePodSpec("{containers: [{name: a, image: first}, {name: a, image: second}]}",
                "{containers: [{name: b}]}");
        assertThat(merged.at("/spec/template/spec/containers"))
                .as("kyaml sets each resource element by key, so the last duplicate wins")
                .isEqualTo(Trees.yaml("[{name: b}, {name: a, image: second}]"));
    }
}
