package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strategic merge patch with apimachinery's semantics and Kubernetes 1.34's merge keys. */
class StrategicMergeTest {
    private static final ResourceType DEPLOYMENT = Objects.type("apps/v1", "Deployment");
    private final SchemaPatchEngine engine = new SchemaPatchEngine(ResourceSchemas.kubernetes(), Clock.systemUTC());

    private static final ObjectNode LIVE = Objects.yaml("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: front}
              finalizers: [a, b]
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  tolerations: [{key: a, operator: Exists}]
                  containers:
                  - name: web
                    image: nginx:1
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    ports: [{containerPort: 80, name: http}]
                  - {name: sidecar, image: envoy}
            """);

    private ObjectNode patch(String yaml) {
        return engine.strategicMerge(DEPLOYMENT, LIVE, Objects.yaml(yaml));
    }

    private static List<String> names(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(c -> c.get("name").asText()).toList();
    }

    @Test
    void listElementsMergeByTheirPatchMergeKey() {
        ObjectNode result = patch("spec: {template: {spec: {containers: [{name: web, image: nginx:2, env: [{name: B, value: '3'}]}]}}}");
        JsonNode web = result.at("/spec/template/spec/containers/0");
        assertThat(web.get("image").asText()).isEqualTo("nginx:2");
        assertThat(web.get("env")).isEqualTo(Objects.node("[{name: A, value: '1'}, {name: B, value: '3'}]"));
        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("web", "sidecar");
    }

    @Test
    void aNewElementComesBeforeTheServersOwnAsApimachineryOrdersThem() {
        ObjectNode result = patch("spec: {template: {spec: {containers: [{name: extra, image: busybox}]}}}");
        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("extra", "web", "sidecar");
    }

    @Test
    void setElementOrderDecidesTheOrder() {
        ObjectNode result = patch("""
                spec:
                  template:
                    spec:
                      $setElementOrder/containers: [{name: sidecar}, {name: web}]
                      containers: [{name: web, image: nginx:2}]
                """);
        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("sidecar", "web");
        assertThat(result.at("/spec/template/spec").has("$setElementOrder/containers")).isFalse();
    }

    @Test
    void patchDeleteRemovesAnElementAndReplaceReplacesTheList() {
        assertThat(names(patch("spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}")
                .at("/spec/template/spec/containers"))).containsExactly("web");
        assertThat(names(patch("spec: {template: {spec: {containers: [{name: only, image: x}, {$patch: replace}]}}}")
                .at("/spec/template/spec/containers"))).containsExactly("only");
    }

    @Test
    void patchReplaceAndDeleteWorkOnMaps() {
        assertThat(patch("metadata: {labels: {$patch: replace, new: one}}").at("/metadata/labels"))
                .isEqualTo(Objects.node("{new: one}"));
        assertThat(patch("spec: {template: {spec: {affinity: {nodeAffinity: {}}}}}").at("/spec/template/spec/affinity"))
                .isEqualTo(Objects.node("{nodeAffinity: {}}"));
        assertThat(patch("spec: {strategy: {$patch: delete}}").at("/spec/strategy")).isEqualTo(Objects.node("{}"));
    }

    @Test
    void nullDeletesAndRetainKeysClearsWhatItDoesNotList() {
        assertThat(patch("metadata: {labels: {tier: null}}").at("/metadata/labels")).isEqualTo(Objects.node("{app: web}"));
        assertThat(patch("spec: {strategy: {$retainKeys: [type], type: Recreate}}").at("/spec/strategy"))
                .isEqualTo(Objects.node("{type: Recreate}"));
        assertThatThrownBy(() -> patch("spec: {strategy: {$retainKeys: [type], rollingUpdate: {maxSurge: 2}}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("invalid patch format of retainKeys");
    }

    @Test
    void scalarListsWithAMergeStrategyAreSets() {
        assertThat(patch("metadata: {finalizers: [c, a]}").at("/metadata/finalizers")).isEqualTo(Objects.node("[c, a, b]"));
        assertThat(patch("metadata: {$deleteFromPrimitiveList/finalizers: [a]}").at("/metadata/finalizers"))
                .isEqualTo(Objects.node("[b]"));
    }

    @Test
    void listsWithoutAStrategyAndMapsWithReplaceAreReplaced() {
        assertThat(patch("spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}").at("/spec/template/spec/tolerations"))
                .isEqualTo(Objects.node("[{key: b, operator: Exists}]"));
        ObjectNode pdb = Objects.yaml("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec: {selector: {matchLabels: {app: web}, matchExpressions: [{key: a, operator: Exists}]}}
                """);
        ObjectNode result = engine.strategicMerge(Objects.type("policy/v1", "PodDisruptionBudget"), pdb,
                Objects.yaml("spec: {selector: {matchLabels: {app: api}}}"));
        assertThat(result.at("/spec/selector")).as("the selector's strategy is replace").isEqualTo(Objects.node("{matchLabels: {app: api}}"));
    }

    @Test
    void portsMergeByTheSingleMergeKeyNotTheListMapKeys() {
        ObjectNode result = patch("spec: {template: {spec: {containers: [{name: web, ports: [{containerPort: 80, protocol: UDP}]}]}}}");
        assertThat(result.at("/spec/template/spec/containers/0/ports"))
                .isEqualTo(Objects.node("[{containerPort: 80, name: http, protocol: UDP}]"));
    }

    @Test
    void anElementWithoutItsMergeKeyFailsAsTheServerFails() {
        assertThatThrownBy(() -> patch("spec: {template: {spec: {containers: [{image: x}]}}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500))
                .hasMessage("map: map[image:x] does not contain declared merge key: name");
    }

    @Test
    void customResourcesHaveNoStrategicMergePatch() {
        ResourceType widget = new ResourceType("example.com", "v1", "Widget", "widgets", true, Set.of("patch"), Set.of(), List.of(), List.of());
        assertThatThrownBy(() -> engine.strategicMerge(widget, Objects.yaml("spec: {}"), Objects.yaml("spec: {a: 1}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415))
                .hasMessageContaining("application/merge-patch+json");
    }
}
