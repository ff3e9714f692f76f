package io.mooring.sandbox.conformance;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fabric8 operations Mooring's sync engine relies on: generic (untyped) resources, server-side
 * apply, every patch type, deletion with propagation, scale, and waiting on a condition.
 */
class Fabric8ClientTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void genericResourcesCreateListAndApply() {
        GenericKubernetesResource map = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withNewMetadata().withName("generic").withNamespace(cluster.namespace()).endMetadata()
                .withAdditionalProperties(Map.of("data", Map.of("a", "1"))).build();

        cluster.client().resource(map).fieldManager("mooring").forceConflicts().serverSideApply();
        List<GenericKubernetesResource> listed = cluster.client().genericKubernetesResources("v1", "ConfigMap")
                .inNamespace(cluster.namespace()).list().getItems();

        assertThat(listed).extracting(r -> r.getMetadata().getName()).contains("generic");
        GenericKubernetesResource read = cluster.client().genericKubernetesResources("v1", "ConfigMap")
                .inNamespace(cluster.namespace()).withName("generic").get();
        assertThat(read.<String>get("data", "a")).isEqualTo("1");
    }

    @Test
    void everyPatchTypeGoesThrough() {
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace());
        maps.resource(new ConfigMapBuilder().withNewMetadata().withName("patched").endMetadata().addToData("a", "1").build()).create();

        maps.withName("patched").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\": {\"b\": \"2\"}}");
        maps.withName("patched").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\": {\"c\": \"3\"}}");
        maps.withName("patched").patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"add\", \"path\": \"/data/d\", \"value\": \"4\"}]");

        assertThat(maps.withName("patched").get().getData()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"),
                Map.entry("c", "3"), Map.entry("d", "4"));
    }

    @Test
    void deleteReportsWhatWasDeleted() {
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace());
        maps.resource(new ConfigMapBuilder().withNewMetadata().withName("deleted").endMetadata().build()).create();

        List<StatusDetails> deleted = maps.withName("deleted").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        assertThat(deleted).extracting(StatusDetails::getName).containsExactly("deleted");
        assertThat(maps.withName("deleted").get()).isNull();
        assertThat(maps.withName("deleted").delete()).as("deleting what is gone reports nothing").isEmpty();
    }

    @Test
    void createOrReplaceAndServerSideApplyOfTypedObjects() {
        var deployments = cluster.client().apps().deployments().inNamespace(cluster.namespace());
        deployments.resource(deployment("typed")).fieldManager("mooring").forceConflicts().serverSideApply();

        Deployment changed = deployment("typed");
        changed.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("nginx:1.28");
        Deployment applied = deployments.resource(changed).fieldManager("mooring").forceConflicts().serverSideApply();

        assertThat(applied.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.28");
        assertThat(applied.getMetadata().getGeneration()).isEqualTo(2);
    }

    @Test
    void scaleChangesReplicas() {
        var deployments = cluster.client().apps().deployments().inNamespace(cluster.namespace());
        deployments.resource(deployment("scaled")).create();

        deployments.withName("scaled").scale(2);

        assertThat(deployments.withName("scaled").get().getSpec().getReplicas()).isEqualTo(2);
        deployments.withName("scaled").scale(0);
    }

    @Test
    void waitUntilConditionFollowsTheObject() throws Exception {
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace());
        maps.resource(new ConfigMapBuilder().withNewMetadata().withName("awaited").endMetadata().addToData("ready", "no").build()).create();

        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> maps.withName("awaited")
                .waitUntilCondition(m -> m != null && "yes".equals(m.getData().get("ready")), 20, TimeUnit.SECONDS));
        Thread.sleep(Duration.ofMillis(500));
        maps.withName("awaited").edit(m -> {
            m.getData().put("ready", "yes");
            return m;
        });

        ConfigMap done = waiting.get(25, TimeUnit.SECONDS);
        assertThat(done.getData()).containsEntry("ready", "yes");
    }

    @Test
    void listInAnyNamespaceFindsThisNamespace() {
        cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("anywhere").addToLabels("found", "yes").endMetadata().build()).create();

        assertThat(cluster.client().configMaps().inAnyNamespace().withLabel("found", "yes").list().getItems())
                .extracting(m -> m.getMetadata().getNamespace()).containsExactly(cluster.namespace());
    }
}
