package io.mooring.sandbox.cluster.gc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Owner references honoured over HTTP: background, foreground and orphan deletion, and dangling references. */
class GarbageCollectionTest extends SandboxTestSupport {
    private static final String NS = "default";

    private static ConfigMap create(String name, List<OwnerReference> owners, String... finalizers) {
        return client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withOwnerReferences(owners).withFinalizers(finalizers).endMetadata().build()).create();
    }

    private static OwnerReference ownedBy(ConfigMap owner, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(block).build();
    }

    private static ConfigMap get(String name) {
        return client.configMaps().inNamespace(NS).withName(name).get();
    }

    private static void awaitGone(String name) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(name)).as("%s is deleted", name).isNull());
    }

    @Test
    void backgroundDeletionCollectsDependentsAndTheirDependents() {
        ConfigMap owner = create("bg-owner", List.of());
        ConfigMap child = create("bg-child", List.of(ownedBy(owner, false)));
        create("bg-grandchild", List.of(ownedBy(child, false)));
        client.configMaps().inNamespace(NS).withName("bg-owner").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        assertThat(get("bg-owner")).as("the owner goes at once").isNull();
        awaitGone("bg-child");
        awaitGone("bg-grandchild");
    }

    @Test
    void foregroundDeletionKeepsTheOwnerUntilBlockingDependentsAreGone() {
        ConfigMap owner = create("fg-owner", List.of());
        create("fg-child", List.of(ownedBy(owner, true)), "example.com/hold");
        client.configMaps().inNamespace(NS).withName("fg-owner").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("fg-child").getMetadata().getDeletionTimestamp()).as("the dependent is being deleted").isNotNull());
        ConfigMap waiting = get("fg-owner");
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(waiting.getMetadata().getFinalizers()).as("the owner waits for its blocking dependent").containsExactly("foregroundDeletion");

        client.configMaps().inNamespace(NS).withName("fg-child").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
        awaitGone("fg-child");
        awaitGone("fg-owner");
    }

    @Test
    void orphanDeletionRemovesTheReferenceAndKeepsDependents() {
        ConfigMap owner = create("or-owner", List.of());
        create("or-child-a", List.of(ownedBy(owner, true)));
        create("or-child-b", List.of(ownedBy(owner, false)));
        client.configMaps().inNamespace(NS).withName("or-owner").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        awaitGone("or-owner");
        assertThat(get("or-child-a").getMetadata().getOwnerReferences()).as("orphaned dependents name no owner").isEmpty();
        assertThat(get("or-child-b").getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void dependentsOfAMissingOrReplacedOwnerAreCollected() {
        ConfigMap owner = create("uid-owner", List.of());
        OwnerReference stale = ownedBy(owner, false);
        stale.setUid("00000000-0000-0000-0000-000000000000");
        create("uid-child", List.of(stale));
        OwnerReference missing = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("never-existed")
                .withUid("11111111-1111-1111-1111-111111111111").build();
        create("orphaned-child", List.of(missing));
        awaitGone("uid-child");
        awaitGone("orphaned-child");
        assertThat(get("uid-owner")).as("the owner with the same name but another uid is left alone").isNotNull();
    }

    @Test
    void aDependentWithAnotherLiveOwnerLosesOnlyTheReferenceToTheDeletedOne() {
        ConfigMap first = create("two-owner-a", List.of());
        ConfigMap second = create("two-owner-b", List.of());
        create("two-owners-child", List.of(ownedBy(first, false), ownedBy(second, false)));
        client.configMaps().inNamespace(NS).withName("two-owner-a").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("two-owners-child").getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getName).containsExactly("two-owner-b"));
    }

    @Test
    void kubectlForegroundCascadeReturnsOnceOwnerAndDependentsAreGone() throws Exception {
        ConfigMap owner = create("kc-owner", List.of());
        create("kc-child", List.of(ownedBy(owner, true)));
        Kubectl result = kubectl(null, "delete", "configmap", "kc-owner", "-n", NS, "--cascade=foreground", "--timeout=20s");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(get("kc-owner")).isNull();
        assertThat(get("kc-child")).as("the blocking dependent went first").isNull();
    }
}
