package io.mooring.sandbox.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sandbox.api.ListOptions;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A sandbox with a state directory keeps its objects across a restart; one without keeps nothing. */
class SandboxStateTest {
    @TempDir
    Path state;

    @Test
    void objectsSurviveACleanRestartAndResourceVersionsKeepIncreasing() {
        ObjectNode saved;
        String rootCaUid;
        long revisionAtStop;
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withState(state))) {
            saved = create(sandbox.api(), "settings");
            await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.api().store().get("/configmaps", "default", ROOT_CA).isPresent());
            rootCaUid = sandbox.api().get(configMaps(sandbox.api()), "default", ROOT_CA).path("metadata").path("uid").asText();
            revisionAtStop = sandbox.api().store().revision();
        }

        try (Sandbox restarted = Sandbox.start(SandboxOptions.defaults().withState(state))) {
            ObjectNode loaded = restarted.api().get(configMaps(restarted.api()), "default", "settings");
            assertThat(loaded).as("the object as it was saved, uid and resourceVersion included").isEqualTo(saved);
            assertThat(restarted.api().store().revision()).as("the revision goes on from the saved one").isEqualTo(revisionAtStop);
            // As etcd keeps them across an API server restart: the sandbox's own objects are saved too, not made anew.
            assertThat(restarted.api().get(configMaps(restarted.api()), "default", ROOT_CA).path("metadata").path("uid").asText())
                    .as("the published root CA is the same object after the restart").isEqualTo(rootCaUid);

            ObjectNode next = create(restarted.api(), "more");
            assertThat(Long.parseLong(next.path("metadata").path("resourceVersion").asText()))
                    .as("a write after the restart gets a resourceVersion above every saved one").isGreaterThan(revisionAtStop);
            assertThat(restarted.api().list(namespaces(restarted.api()), "", ListOptions.ALL).path("items"))
                    .as("the system namespaces are loaded, not created twice").hasSize(4);
        }
    }

    @Test
    void changesAreSavedPeriodicallySoAKilledSandboxLosesOnlyTheLastInterval() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withState(state).withSaveEvery(Duration.ofMillis(100)))) {
            create(sandbox.api(), "settings");
            long revision = sandbox.api().store().revision();
            StateFile file = new StateFile(sandbox.stateFile().orElseThrow());

            // What a kill -9 would leave: the file as the periodic save wrote it, read while the sandbox still runs.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(file.read())
                    .as("a periodic save of the new object").hasValueSatisfying(saved -> {
                        // The sandbox's own controllers may write after the create: the save holds at least it.
                        assertThat(saved.revision()).isGreaterThanOrEqualTo(revision);
                        assertThat(saved.objects().get("/configmaps")).extracting(o -> o.path("metadata").path("name").asText())
                                .filteredOn(name -> !name.equals(ROOT_CA))
                                .containsExactly("settings");
                    }));
        }
    }

    @Test
    void withoutAStateDirectoryNothingIsKeptAndTheTemporaryKubeconfigIsRemoved() {
        Path kubeconfig;
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            create(sandbox.api(), "settings");
            kubeconfig = sandbox.kubeconfig();
            assertThat(sandbox.stateFile()).isEmpty();
            assertThat(kubeconfig).exists();
        }

        assertThat(kubeconfig).as("close removes the kubeconfig it put in a temporary directory").doesNotExist();
        assertThat(kubeconfig.getParent()).doesNotExist();
        try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults())) {
            assertThat(fresh.api().list(configMaps(fresh.api()), "default", ListOptions.ALL).path("items"))
                    .extracting(o -> o.path("metadata").path("name").asText())
                    .as("only what the sandbox publishes in every namespace itself").containsExactly(ROOT_CA);
        }
    }

    @Test
    void theKubeconfigGoesWhereItIsAskedToAndStaysAfterClose() {
        Path file = state.resolve("elsewhere/config");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withKubeconfig(file))) {
            assertThat(sandbox.kubeconfig()).isEqualTo(file);
            assertThat(file).content().contains("server: " + sandbox.url());
        }

        assertThat(file).as("a kubeconfig the caller placed is the caller's to remove").exists();
        assertThat(Files.exists(state.resolve(StateKeeper.FILE_NAME))).as("no state directory was given: nothing saved").isFalse();
    }

    /** Published in every namespace by the sandbox, as kube-controller-manager does; not the user's object. */
    private static final String ROOT_CA = "kube-root-ca.crt";

    private static ObjectNode create(ResourceApi api, String name) {
        ObjectNode configMap = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", name);
        configMap.putObject("data").put("color", "blue");
        return api.create(configMaps(api), "default", configMap, WriteOptions.by("test"));
    }

    private static ResourceType configMaps(ResourceApi api) {
        return api.catalog().byPlural("", "v1", "configmaps").orElseThrow();
    }

    private static ResourceType namespaces(ResourceApi api) {
        return api.catalog().byPlural("", "v1", "namespaces").orElseThrow();
    }
}
