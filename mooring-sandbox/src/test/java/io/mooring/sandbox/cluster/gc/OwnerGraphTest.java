package io.mooring.sandbox.cluster.gc;

import org.junit.jupiter.api.Test;

import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class OwnerGraphTest {
    private static OwnerGraph.Item item(String name, String uid, String owners) {
        return OwnerGraph.item("/configmaps", yaml("metadata: {name: " + name + ", namespace: ns, uid: " + uid + ", ownerReferences: " + owners + "}"));
    }

    @Test
    void dependentsAreIndexedByOwnerUidEvenBeforeTheOwnerIsSeen() {
        OwnerGraph graph = new OwnerGraph();
        graph.put(item("child", "c", "[{apiVersion: v1, kind: ConfigMap, name: parent, uid: p, blockOwnerDeletion: true}]"));
        graph.put(item("other", "o", "[{apiVersion: v1, kind: ConfigMap, name: parent, uid: p}]"));
        assertThat(graph.dependentsOf("p")).containsExactlyInAnyOrder("c", "o");
        assertThat(graph.blockingDependentsOf("p")).containsExactly("c");
        assertThat(graph.get("p")).isNull();
    }

    @Test
    void changedOrRemovedReferencesUnlinkTheDependent() {
        OwnerGraph graph = new OwnerGraph();
        graph.put(item("child", "c", "[{apiVersion: v1, kind: ConfigMap, name: a, uid: a}]"));
        graph.put(item("child", "c", "[{apiVersion: v1, kind: ConfigMap, name: b, uid: b}]"));
        assertThat(graph.dependentsOf("a")).isEmpty();
        assertThat(graph.dependentsOf("b")).containsExactly("c");
        graph.remove("c");
        assertThat(graph.dependentsOf("b")).isEmpty();
        assertThat(graph.size()).isZero();
    }

    @Test
    void deletionStateComesFromTheFinalizers() {
        OwnerGraph.Item item = OwnerGraph.item("/configmaps", yaml(
                "metadata: {name: x, uid: x, deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: [foregroundDeletion]}"));
        assertThat(item.deleting()).isTrue();
        assertThat(item.foreground()).isTrue();
        assertThat(item.orphan()).isFalse();
    }
}
