package io.mooring.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceDiffTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) new YamlReader().readOne("t.yaml", text);
    }

    private static final String DESIRED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              replicas: 2
              template:
                spec:
                  containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80}]}]
            """;

    /** What a real cluster returns for DESIRED: server fields, defaults, status. */
    private static final String LIVE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app: web}
              uid: 0b7f
              resourceVersion: "4711"
              generation: 3
              creationTimestamp: "2026-01-01T00:00:00Z"
              managedFields: [{manager: mooring, operation: Apply}]
            spec:
              replicas: 2
              progressDeadlineSeconds: 600
              revisionHistoryLimit: 10
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
              template:
                spec:
                  restartPolicy: Always
                  dnsPolicy: ClusterFirst
                  containers:
                  - name: web
                    image: nginx:1.27
                    imagePullPolicy: IfNotPresent
                    terminationMessagePath: /dev/termination-log
                    ports: [{containerPort: 80, protocol: TCP}]
            status: {replicas: 2, readyReplicas: 2}
            """;

    @Test
    void serverDefaultsStatusAndMetadataDoNotMakeItOutOfSync() {
        ObjectDiff diff = ResourceDiff.compare(yaml(DESIRED), yaml(LIVE), List.of());
        assertThat(diff.state()).as(diff.unified()).isEqualTo(DiffState.IN_SYNC);
        assertThat(diff.unified()).isEmpty();
    }

    @Test
    void aChangedFieldIsOutOfSyncWithAUnifiedDiff() {
        ObjectDiff diff = ResourceDiff.compare(yaml(DESIRED.replace("replicas: 2", "replicas: 5")), yaml(LIVE), List.of());
        assertThat(diff.state()).isEqualTo(DiffState.OUT_OF_SYNC);
        assertThat(diff.unified()).contains("--- live/Deployment.apps/shop/web").contains("-  replicas: 2").contains("+  replicas: 5");
    }

    @Test
    void ignoreDifferencesDropsThePointers() {
        List<Application.IgnoreDifference> ignores = List.of(new Application.IgnoreDifference("apps", "Deployment", "", "",
                List.of("/spec/replicas")));
        assertThat(ResourceDiff.compare(yaml(DESIRED.replace("replicas: 2", "replicas: 5")), yaml(LIVE), ignores).state())
                .isEqualTo(DiffState.IN_SYNC);
    }

    @Test
    void numbersCompareByValue() {
        ObjectNode desired = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nextra: {ratio: 1.0, count: 3}\n");
        ObjectNode live = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nextra: {ratio: 1, count: 3.0}\n");
        assertThat(ResourceDiff.compare(desired, live, List.of()).state()).isEqualTo(DiffState.IN_SYNC);
    }

    @Test
    void missingObjectShowsWhatWouldBeCreated() {
        ObjectDiff diff = ResourceDiff.compare(yaml(DESIRED), null, List.of());
        assertThat(diff.state()).isEqualTo(DiffState.MISSING);
        assertThat(diff.unified()).contains("+  replicas: 2");
    }

    @Test
    void secretValuesNeverAppearInADiff() {
        ObjectNode desired = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter2, user: admin}\n");
        ObjectNode live = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ntype: Opaque\n"
                + "data: {password: b2xkLXBhc3N3b3Jk, user: YWRtaW4=}\n");
        ObjectDiff diff = ResourceDiff.compare(desired, live, List.of());
        assertThat(diff.state()).as("the password changed").isEqualTo(DiffState.OUT_OF_SYNC);
        assertThat(diff.unified()).doesNotContain("hunter2").doesNotContain("aHVudGVyMg==").doesNotContain("b2xkLXBhc3N3b3Jk")
                .doesNotContain("YWRtaW4=").contains("+++++++++");
        assertThat(ResourceDiff.compare(desired, null, List.of()).unified()).doesNotContain("hunter2").doesNotContain("aHVudGVyMg==");
        ObjectNode same = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: aHVudGVyMg==, user: YWRtaW4=}\n");
        assertThat(ResourceDiff.compare(desired, same, List.of()).state()).as("stringData equals its encoded data")
                .isEqualTo(DiffState.IN_SYNC);
    }
}
