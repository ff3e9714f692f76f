package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.plan.SyncPlan;
import io.mooring.plan.Tracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Syncs from a real Git repository into the sandbox's API server, through fabric8 and the informers. */
class SyncEngineTest {
    private static final String APP = """
            apiVersion: mooring.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: mooring}
            spec:
              environment: dev
              source: {repoURL: '%s', targetRevision: main, path: apps/shop}
              destination: {namespace: shop}
              syncPolicy: {automated: {prune: true, selfHeal: true}, pruneConfirmThreshold: 3}
            """;

    @TempDir
    Path temp;
    SyncFixture f;
    Application app;

    @BeforeEach
    void setUp() {
        f = new SyncFixture(temp);
        f.repo.write("apps/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
                .write("apps/shop/settings.yaml", configMap("settings", "blue"))
                .write("apps/shop/flags.yaml", configMap("flags", "on"))
                .commit("shop");
        app = f.application(APP);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: '" + value + "'\n";
    }

    private SyncResult sync() {
        return f.engine.sync(app, SyncOptions.automatic(true));
    }

    private void awaitSynced() {
        await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.compare(app, (String) null).syncStatus() == SyncStatus.SYNCED);
    }

    @Test
    void firstSyncCreatesTrackedObjectsNamespaceFirst() {
        List<SyncEvent> events = new ArrayList<>();
        SyncResult result = f.engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), events::add));

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.applied()).extracting(k -> k.kind() + "/" + k.name()).containsExactly("Namespace/shop", "ConfigMap/flags",
                "ConfigMap/settings");
        var live = f.client.configMaps().inNamespace("shop").withName("settings").get();
        assertThat(live.getData()).containsEntry("value", "blue");
        assertThat(live.getMetadata().getLabels()).containsEntry(Tracking.APP_LABEL, "shop");
        assertThat(live.getMetadata().getAnnotations()).containsEntry(Tracking.TRACKING_ANNOTATION, "shop:/ConfigMap:shop/settings")
                .containsEntry(Tracking.ENVIRONMENT_ANNOTATION, "dev");
        assertThat(live.getMetadata().getManagedFields()).extracting(m -> m.getManager()).contains(Tracking.FIELD_MANAGER);
        assertThat(events).first().isInstanceOf(SyncEvent.WaveStarted.class);
        awaitSynced();
    }

    @Test
    void aCommitChangesTheClusterAndAnUnchangedResyncSendsNothing() {
        sync();
        awaitSynced();
        String sha = f.repo.write("apps/shop/settings.yaml", configMap("settings", "green")).commit("green");

        Comparison before = f.engine.compare(app, (String) null);
        assertThat(before.commit().sha()).isEqualTo(sha);
        assertThat(before.syncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(before.resources()).filteredOn(r -> r.key().name().equals("settings")).singleElement()
                .satisfies(r -> assertThat(r.state()).hasToString("OUT_OF_SYNC"));

        SyncResult result = sync();
        assertThat(result.applied()).extracting(k -> k.name()).containsExactly("settings");
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("value", "green");
        awaitSynced();

        long requests = f.requests.count();
        SyncResult again = sync();
        assertThat(again.applied()).as("nothing to apply").isEmpty();
        assertThat(f.requests.count() - requests).as("an unchanged resync reads the informers' cache, not the API server").isZero();
    }

    @Test
    void removingAFilePrunesOnlyThatObject() {
        sync();
        awaitSynced();
        f.client.configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("not-ours").endMetadata().build()).create();
        f.repo.delete("apps/shop/flags.yaml").commit("no flags");

        SyncResult result = sync();
        assertThat(result.pruned()).extracting(k -> k.name()).containsExactly("flags");
        assertThat(f.client.configMaps().inNamespace("shop").withName("flags").get()).isNull();
        assertThat(f.client.configMaps().inNamespace("shop").withName("not-ours").get()).as("untracked objects stay").isNotNull();
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get()).isNotNull();
    }

    @Test
    void pruneWaitsForAPersonAboveTheThresholdAndIsOffWhenNotRequested() {
        for (int i = 0; i < 4; i++) {
            f.repo.write("apps/shop/extra-" + i + ".yaml", configMap("extra-" + i, "x"));
        }
        f.repo.commit("extras");
        sync();
        awaitSynced();
        for (int i = 0; i < 4; i++) {
            f.repo.delete("apps/shop/extra-" + i + ".yaml");
        }
        f.repo.commit("no extras");

        SyncResult waiting = sync();
        assertThat(waiting.succeeded()).isFalse();
        assertThat(waiting.message()).contains("more than the threshold of 3");
        assertThat(f.client.configMaps().inNamespace("shop").list().getItems()).hasSizeGreaterThanOrEqualTo(6);

        SyncResult off = f.engine.sync(app, new SyncOptions(null, false, false, false, Duration.ofSeconds(30), e -> { }));
        assertThat(off.pruned()).isEmpty();
        assertThat(off.message()).contains("pruning is off");

        SyncResult confirmed = f.engine.sync(app, new SyncOptions(null, false, true, true, Duration.ofSeconds(30), e -> { }));
        assertThat(confirmed.pruned()).hasSize(4);
    }

    @Test
    void brokenRendersEmptyRendersAndLostDirectoriesDeleteNothing() {
        sync();
        awaitSynced();
        int objects = f.live.owned("shop").size();

        f.repo.write("apps/shop/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n").commit("broken");
        SyncResult broken = sync();
        assertThat(broken.succeeded()).isFalse();
        assertThat(broken.message()).contains("apps/shop/settings.yaml").doesNotContain(temp.toString());
        assertThatThrownBy(() -> f.engine.compare(app, (String) null)).isInstanceOf(SourceException.class);

        f.repo.delete("apps/shop").write("apps/shop/README.md", "nothing here\n").commit("emptied");
        SyncResult empty = sync();
        assertThat(empty.succeeded()).isFalse();
        assertThat(empty.message()).contains("render produced no objects");

        f.repo.delete("apps/shop").write("other/x.yaml", configMap("x", "y")).commit("lost the directory");
        SyncResult lost = sync();
        assertThat(lost.succeeded()).isFalse();
        assertThat(lost.message()).contains("does not exist");

        assertThat(f.live.owned("shop")).as("every object of the application is still there").hasSize(objects);
        assertThat(f.client.configMaps().inNamespace("shop").withName("flags").get()).isNotNull();
    }

    @Test
    void unreachableRepositoryIsAFailedSyncThatChangesNothing() {
        sync();
        Application elsewhere = f.application(APP.replace("'%s'", "'" + temp.resolve("gone").toUri() + "'"));
        SyncResult result = f.engine.sync(elsewhere, SyncOptions.automatic(true));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).contains("gone");
        assertThat(f.client.configMaps().inNamespace("shop").withName("flags").get()).isNotNull();
    }

    @Test
    void liveDriftShowsWithinASecondAndTheNextSyncHealsIt() {
        sync();
        awaitSynced();
        f.changed.clear();
        f.client.configMaps().inNamespace("shop").withName("settings").edit(c -> {
            c.getData().put("value", "red");
            return c;
        });
        await().atMost(Duration.ofSeconds(1)).until(() -> f.changed.contains("shop"));
        assertThat(f.engine.compare(app, (String) null).syncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);

        f.client.configMaps().inNamespace("shop").withName("flags").delete();
        await().atMost(Duration.ofSeconds(1)).until(() -> f.live.owned("shop").stream()
                .noneMatch(o -> o.path("metadata").path("name").asText().equals("flags")));

        SyncResult healed = sync();
        assertThat(healed.applied()).extracting(k -> k.name()).containsExactlyInAnyOrder("settings", "flags");
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("value", "blue");
    }

    @Test
    void dryRunChangesNothing() {
        SyncResult result = f.engine.sync(app, new SyncOptions(null, true, true, false, Duration.ofSeconds(30), e -> { }));
        assertThat(result.message()).startsWith("dry run");
        assertThat(f.client.namespaces().withName("shop").get()).isNull();
    }

    @Test
    void laterWavesWaitForEarlierOnes() {
        f.repo.write("apps/shop/late.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: late
                  annotations: {mooring.io/sync-wave: "2"}
                """).commit("waves");
        List<SyncEvent> events = new ArrayList<>();
        SyncResult result = f.engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), events::add));
        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(events).filteredOn(SyncEvent.WaveStarted.class::isInstance).extracting(e -> ((SyncEvent.WaveStarted) e).wave())
                .containsExactly(Integer.MIN_VALUE, 0, 2);
        assertThat(result.applied().getLast().name()).isEqualTo("late");
    }

}
