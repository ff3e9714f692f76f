package io.mooring.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyncPlannerTest {
    private static final Application APP = new Application("shop", "mooring", new Application.Spec("dev",
            new Application.Source("/repo", "", ".", Application.Helm.NONE), new Application.Destination("", "shop"),
            new Application.SyncPolicy(true, true, true, Application.Retry.DEFAULT, 2), List.of(),
            Application.Policies.NONE));

    private static ObjectNode object(String kind, String name, String extra) {
        String apiVersion = switch (kind) {
            case "Deployment" -> "apps/v1";
            case "CustomResourceDefinition" -> "apiextensions.k8s.io/v1";
            default -> "v1";
        };
        ObjectNode object = (ObjectNode) new YamlReader().readOne("t.yaml", "apiVersion: " + apiVersion + "\nkind: " + kind
                + "\nmetadata: {name: " + name + (kind.equals("Namespace") || kind.equals("CustomResourceDefinition") ? "" : ", namespace: shop")
                + extra + "}\n");
        Tracking.mark(object, "shop", "dev");
        return object;
    }

    @Test
    void foundationFirstThenWavesThenKindOrder() {
        List<ObjectNode> desired = List.of(
                object("Deployment", "web", ""),
                object("ConfigMap", "late", ", annotations: {mooring.io/sync-wave: '2'}"),
                object("Service", "web", ""),
                object("Namespace", "shop", ""),
                object("ConfigMap", "early", ", annotations: {mooring.io/sync-wave: '-1'}"),
                object("CustomResourceDefinition", "things.example.io", ""));
        SyncPlan plan = SyncPlanner.plan(APP, desired, List.of(), true, false);
        assertThat(plan.waves()).extracting(SyncPlan.Wave::number).containsExactly(Integer.MIN_VALUE, -1, 0, 2);
        assertThat(plan.waves().get(0).steps()).extracting(s -> s.key().kind()).containsExactly("Namespace", "CustomResourceDefinition");
        assertThat(plan.waves().get(2).steps()).extracting(s -> s.key().kind()).as("services before deployments")
                .containsExactly("Service", "Deployment");
        assertThat(plan.changeCount()).isEqualTo(6);
    }

    @Test
    void prunesOnlyOwnedObjectsThatLeftGit() {
        ObjectNode kept = object("ConfigMap", "kept", "");
        ObjectNode gone = object("ConfigMap", "gone", "");
        ObjectNode copy = object("ConfigMap", "copy", "");
        copy.with("metadata").with("annotations").put(Tracking.TRACKING_ANNOTATION, "shop::shop/kept-elsewhere");
        ObjectNode foreign = object("ConfigMap", "foreign", "");
        foreign.with("metadata").with("labels").put(Tracking.APP_LABEL, "other");
        SyncPlan plan = SyncPlanner.plan(APP, List.of(kept), List.of(kept, gone, copy, foreign), true, false);
        assertThat(plan.prune()).extracting(k -> k.name()).as("a copy or another app's object is never pruned").containsExactly("gone");
        assertThat(plan.pruning().decision()).isEqualTo(SyncPlan.Pruning.Decision.ALLOWED);
    }

    @Test
    void anEmptyRenderNeverDeletesAnything() {
        ObjectNode live = object("ConfigMap", "a", "");
        SyncPlan plan = SyncPlanner.plan(APP, List.of(), List.of(live), true, true);
        assertThat(plan.pruning().decision()).isEqualTo(SyncPlan.Pruning.Decision.REFUSED);
        assertThat(plan.pruning().reason()).contains("produced no objects");
    }

    @Test
    void aLargePruneWaitsForConfirmationAndPruneOffIsReported() {
        ObjectNode kept = object("ConfigMap", "kept", "");
        List<ObjectNode> live = new ArrayList<>(List.of(kept));
        for (int i = 0; i < 3; i++) {
            live.add(object("ConfigMap", "old-" + i, ""));
        }
        assertThat(SyncPlanner.plan(APP, List.of(kept), live, true, false).pruning().decision())
                .as("3 > threshold 2").isEqualTo(SyncPlan.Pruning.Decision.NEEDS_CONFIRMATION);
        assertThat(SyncPlanner.plan(APP, List.of(kept), live, true, true).pruning().decision())
                .isEqualTo(SyncPlan.Pruning.Decision.ALLOWED);
        assertThat(SyncPlanner.plan(APP, List.of(kept), live, false, false).pruning().decision())
                .isEqualTo(SyncPlan.Pruning.Decision.NOT_REQUESTED);
    }

    @Test
    void identicalLiveStateIsInSync() {
        ObjectNode desired = object("ConfigMap", "c", "");
        ObjectNode live = desired.deepCopy();
        live.with("metadata").put("resourceVersion", "7").put("uid", "x");
        SyncPlan plan = SyncPlanner.plan(APP, List.of(desired), List.of(live), true, false);
        assertThat(plan.inSync()).isTrue();
    }
}
