package io.mooring.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.git.GitRepositories;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sync.Renderings;
import io.mooring.testing.ControllerProcess;
import io.mooring.testing.FaultProxy;
import io.mooring.testing.GitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The controller under trouble: API faults at a steady rate between it and the API server, and a
 * controller killed in the middle of a large sync. It must converge, delete nothing it should not,
 * and not apply twice what was applied.
 */
class ReliabilityTest {
    @TempDir
    Path temp;
    Sandbox sandbox;
    KubernetesClient admin;
    GitRepo repo;
    FaultProxy proxy;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = Kube.connect(sandbox.kubeconfig(), null, null);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mooring").endMetadata().build()).create();
        repo = new GitRepo(temp.resolve("platform"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        admin.close();
        repo.close();
        sandbox.close();
    }

    private ApplicationController controller(double faultRate, long seed) throws Exception {
        if (proxy == null) {
            proxy = new FaultProxy(sandbox.url(), faultRate, seed);
            closing.add(proxy);
        }
        Config config = Config.fromKubeconfig(Files.readString(proxy.kubeconfig(temp)));
        config.setRequestTimeout(2000);
        config.setConnectionTimeout(2000);
        KubernetesClient client = Kube.connect(config, null);
        closing.add(client);
        ApplicationController controller = new ApplicationController(
                new ClusterClient(client, new ResourceTypes(client), new Retrying(8, Duration.ofMillis(50))),
                new Applications(client, new Retrying(8, Duration.ofMillis(50))),
                new Renderings(new GitRepositories(temp.resolve("cache"))),
                ControllerSettings.defaults().withPollInterval(Duration.ofSeconds(2)).withWorkers(4));
        closing.add(controller);
        controller.start();
        return controller;
    }

    private void application(String name, String path) {
        admin.resource(admin.getKubernetesSerialization().unmarshal("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: %s}
                  destination: {namespace: %s}
                  syncPolicy: {automated: {prune: true, selfHeal: true}, pruneConfirmThreshold: 1000}
                """.formatted(name, repo.url(), path, name), GenericKubernetesResource.class)).serverSideApply();
    }

    private static String configMap(String name, int wave) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  annotations: {mooring.io/sync-wave: '" + wave
                + "'}\ndata:\n  value: '" + name + "'\n";
    }

    private void awaitAllSynced(List<String> names, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String name : names) {
                // The Application's own sync status: its resources list says Synced for each object in sync too.
                Object status = admin.genericKubernetesResources(Applications.CONTEXT).inNamespace("mooring").withName(name).get()
                        .getAdditionalProperties().get("status");
                Object sync = status instanceof java.util.Map<?, ?> fields ? fields.get("sync") : null;
                Object state = sync instanceof java.util.Map<?, ?> fields ? fields.get("status") : null;
                assertThat(state).as(name + ": " + status).isEqualTo("Synced");
            }
        });
    }

    @Test
    void convergesThroughApiFaultsAndPrunesOnlyWhatLeftGit() throws Exception {
        List<String> apps = new ArrayList<>();
        for (int a = 0; a < 12; a++) {
            String app = "app-" + a;
            apps.add(app);
            repo.write("apps/" + app + "/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + app + "}\n");
            for (int i = 0; i < 10; i++) {
                repo.write("apps/" + app + "/cm-" + i + ".yaml", configMap("cm-" + i, i % 2));
            }
        }
        repo.commit("twelve apps");
        controller(0.15, 42);
        apps.forEach(app -> application(app, "apps/" + app));

        awaitAllSynced(apps, Duration.ofMinutes(3));
        for (String app : apps) {
            assertThat(admin.configMaps().inNamespace(app).list().getItems()).as(app)
                    .filteredOn(c -> c.getMetadata().getName().startsWith("cm-")).hasSize(10);
        }
        assertThat(proxy.faults()).as("faults were injected").isGreaterThan(20);
        assertThat(proxy.deletes()).as("nothing deleted while nothing left Git").isEmpty();

        for (int a = 0; a < 4; a++) {
            repo.delete("apps/app-" + a + "/cm-9.yaml");
        }
        repo.commit("four objects leave Git");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
                apps.stream().limit(4).allMatch(app -> admin.configMaps().inNamespace(app).withName("cm-9").get() == null));
        assertThat(proxy.deletes()).as("exactly the objects that left Git were deleted").containsExactlyInAnyOrder(
                "/api/v1/namespaces/app-0/configmaps/cm-9", "/api/v1/namespaces/app-1/configmaps/cm-9",
                "/api/v1/namespaces/app-2/configmaps/cm-9", "/api/v1/namespaces/app-3/configmaps/cm-9");
        for (String app : apps.subList(4, apps.size())) {
            assertThat(admin.configMaps().inNamespace(app).withName("cm-9").get()).as(app).isNotNull();
        }
    }

    @Test
    void aControllerKilledMidSyncIsReplacedWithoutLostOrRepeatedWork() throws Exception {
        repo.write("apps/big/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: big}\n");
        int objects = 300;
        for (int i = 0; i < objects; i++) {
            repo.write("apps/big/cm-" + i + ".yaml", configMap("cm-" + i, i % 5));
        }
        repo.commit("a large application");
        proxy = new FaultProxy(sandbox.url(), 0, 7);
        closing.add(proxy);
        // The first controller runs in a JVM of its own, killed (SIGKILL) once it has applied part of the application.
        ControllerProcess first = ControllerProcess.start(proxy.kubeconfig(temp), temp.resolve("cache"), temp.resolve("first.log"));
        closing.add(first);
        Applications applications = new Applications(admin, Retrying.DEFAULT);
        applications.installCrds();
        applications.awaitServed(Duration.ofSeconds(30));
        application("big", "apps/big");
        int killAt = 30 + new Random().nextInt(objects - 60);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> admin.configMaps().inNamespace("big").list().getItems().size() >= killAt);
        first.kill();
        int appliedBefore = (int) admin.configMaps().inNamespace("big").list().getItems().stream()
                .filter(c -> c.getMetadata().getName().startsWith("cm-")).count();
        assertThat(appliedBefore).as("killed in the middle of the sync").isLessThan(objects);
        long patchesBefore = proxy.forwarded("PATCH");

        controller(0, 7);
        awaitAllSynced(List.of("big"), Duration.ofMinutes(3));
        assertThat(admin.configMaps().inNamespace("big").list().getItems().stream()
                .filter(c -> c.getMetadata().getName().startsWith("cm-")).count()).isEqualTo(objects);
        long patchesAfter = proxy.forwarded("PATCH") - patchesBefore;
        // The replacement applies what the killed one had not (plus a few status writes), not everything again.
        assertThat(patchesAfter).as("killed with %d of %d applied; the replacement sent %d patches", appliedBefore, objects, patchesAfter)
                .isLessThanOrEqualTo(objects - appliedBefore + 20);
        assertThat(proxy.deletes()).isEmpty();
    }
}
