package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-side apply through the engine: merging, the applied field set, pruning, conflicts. */
class ServerSideApplyTest {
    private static final ResourceType DEPLOYMENT = Objects.type("apps/v1", "Deployment");
    private final SchemaPatchEngine engine = new SchemaPatchEngine(ResourceSchemas.kubernetes(),
            Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));

    static ObjectNode deployment(String replicas, String containers) {
        return Objects.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  labels: {app: web}
                spec:
                  %s
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                %s
                """.formatted(replicas, containers.indent(6)));
    }

    private static final String WEB = "- {name: web, image: nginx:1}";

    @Test
    void applyRecordsTheAppliedFieldsAsTheApiServerWritesThem() {
        ObjectNode created = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        JsonNode entries = created.at("/metadata/managedFields");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("manager").asText()).isEqualTo("kubectl");
        assertThat(entry.get("operation").asText()).isEqualTo("Apply");
        assertThat(entry.get("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(entry.get("time").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(entry.get("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.get("fieldsV1")).as("labels are a granular map without a dot, the selector is atomic, "
                + "containers are keyed by name").isEqualTo(Objects.node("""
                f:metadata:
                  f:labels: {f:app: {}}
                f:spec:
                  f:replicas: {}
                  f:selector: {}
                  f:template:
                    f:metadata:
                      f:labels: {f:app: {}}
                    f:spec:
                      f:containers:
                        k:{"name":"web"}: {.: {}, f:image: {}, f:name: {}}
                """));
        assertThat(created.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void reapplyingTheSameConfigurationChangesNothingNotEvenTheTime() {
        ObjectNode first = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ((ObjectNode) first.at("/metadata/managedFields/0")).put("time", "2024-12-31T00:00:00Z");
        ObjectNode again = engine.apply(DEPLOYMENT, first, deployment("replicas: 2", WEB), "kubectl", false, "");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void reapplyingWithoutAFieldRemovesIt() {
        ObjectNode first = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ObjectNode second = engine.apply(DEPLOYMENT, first, deployment("", WEB + "\n- {name: sidecar, image: envoy}"), "kubectl", false, "");
        assertThat(second.at("/spec").has("replicas")).as("replicas, applied before and omitted now, is removed").isFalse();
        assertThat(second.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText())
                .containsExactly("web", "sidecar");
        ObjectNode third = engine.apply(DEPLOYMENT, second, deployment("", "- {name: sidecar, image: envoy}"), "kubectl", false, "");
        assertThat(third.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText())
                .as("the container the manager stopped applying goes").containsExactly("sidecar");
    }

    @Test
    void aFieldSomeoneElseAlsoOwnsStaysWhenTheApplierDropsIt() {
        ObjectNode first = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ObjectNode shared = engine.apply(DEPLOYMENT, first, Objects.yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec: {replicas: 2}
                """), "autoscaler", false, "");
        assertThat(shared.at("/metadata/managedFields")).as("applying the same value shares ownership without conflict").hasSize(2);
        ObjectNode dropped = engine.apply(DEPLOYMENT, shared, deployment("", WEB), "kubectl", false, "");
        assertThat(dropped.at("/spec/replicas").asInt()).as("the autoscaler still owns replicas").isEqualTo(2);
    }

    @Test
    void applyingAnotherValueToAFieldAnotherManagerOwnsConflicts() {
        ObjectNode first = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ObjectNode other = deployment("replicas: 5", "- {name: web, image: nginx:2}");
        assertThatThrownBy(() -> engine.apply(DEPLOYMENT, first, other, "ci", false, ""))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("""
                            Apply failed with 2 conflicts: conflicts with "kubectl":
                            - .spec.replicas
                            - .spec.template.spec.containers[name="web"].image""");
                    assertThat(e.status().at("/details/causes/0")).isEqualTo(Objects.node(
                            "{reason: FieldManagerConflict, message: 'conflict with \"kubectl\"', field: .spec.replicas}"));
                });
        ObjectNode forced = engine.apply(DEPLOYMENT, first, other, "ci", true, "");
        assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(5);
        JsonNode kubectl = managerEntry(forced, "kubectl");
        assertThat(kubectl.at("/fieldsV1/f:spec").has("f:replicas")).as("forcing takes the field from its owner").isFalse();
        assertThat(managerEntry(forced, "ci").at("/fieldsV1/f:spec").has("f:replicas")).isTrue();
    }

    @Test
    void anUpdateTakesOwnershipAndConflictsNameItsVersion() {
        ObjectNode applied = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ObjectNode scaled = applied.deepCopy();
        scaled.with("spec").put("replicas", 4);
        engine.recordUpdate(DEPLOYMENT, applied, scaled, "kubectl-scale", null);
        assertThat(managerEntry(scaled, "kubectl-scale").get("operation").asText()).isEqualTo("Update");
        assertThat(managerEntry(scaled, "kubectl-scale").get("fieldsV1")).isEqualTo(Objects.node("f:spec: {f:replicas: {}}"));
        assertThat(managerEntry(scaled, "kubectl").at("/fieldsV1/f:spec").has("f:replicas"))
                .as("the updater took replicas from the applier").isFalse();
        assertThatThrownBy(() -> engine.apply(DEPLOYMENT, scaled, deployment("replicas: 3", WEB), "kubectl", false, ""))
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas");
    }

    @Test
    void anUpdateThatChangesNothingLeavesOwnershipAndTimesAlone() {
        ObjectNode applied = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        ObjectNode same = applied.deepCopy();
        engine.recordUpdate(DEPLOYMENT, applied, same, "controller", null);
        assertThat(same.at("/metadata/managedFields")).isEqualTo(applied.at("/metadata/managedFields"));
    }

    @Test
    void clientSideApplyHandsOverToServerSideApplyWithoutConflicts() {
        ObjectNode config = deployment("replicas: 2", WEB);
        ObjectNode created = config.deepCopy();
        created.with("metadata").with("annotations").put(FieldManager.LAST_APPLIED, config.toString());
        engine.recordUpdate(DEPLOYMENT, null, created, "kubectl-client-side-apply", null);
        ObjectNode changed = deployment("replicas: 3", WEB);
        ObjectNode migrated = engine.apply(DEPLOYMENT, created, changed, "kubectl", false, "");
        assertThat(migrated.at("/spec/replicas").asInt()).as("fields kubectl applied client-side are taken over").isEqualTo(3);
        assertThat(migrated.at("/metadata/annotations").get(FieldManager.LAST_APPLIED).asText())
                .as("the last-applied annotation follows the server-side applied configuration")
                .startsWith("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"").contains("\"replicas\":3").endsWith("}\n");
        assertThatThrownBy(() -> engine.apply(DEPLOYMENT, created, changed, "someone-else", false, ""))
                .as("only the kubectl manager is forgiven").hasMessageContaining("conflict with \"kubectl-client-side-apply\" using apps/v1");
    }

    @Test
    void fieldsThatExistBeforeTheFirstApplyBelongToBeforeFirstApply() {
        ObjectNode untracked = deployment("replicas: 2", WEB);
        ObjectNode applied = engine.apply(DEPLOYMENT, untracked, deployment("replicas: 3", WEB), "ci", true, "");
        assertThat(applied.at("/metadata/managedFields")).extracting(e -> e.get("manager").asText())
                .containsExactly("ci", "before-first-apply");
    }

    @Test
    void theStatusOfAMainResourceApplyIsNotOwned() {
        ObjectNode config = deployment("replicas: 2", WEB);
        config.putObject("status").put("replicas", 7);
        ObjectNode applied = engine.apply(DEPLOYMENT, null, config, "kubectl", false, "");
        assertThat(managerEntry(applied, "kubectl").get("fieldsV1").has("f:status")).isFalse();
    }

    @Test
    void theConfigurationMayNotCarryManagedFieldsNorUnknownFields() {
        ObjectNode withManaged = deployment("replicas: 2", WEB);
        withManaged.with("metadata").putArray("managedFields");
        assertThatThrownBy(() -> engine.apply(DEPLOYMENT, null, withManaged, "kubectl", false, ""))
                .hasMessage("metadata.managedFields must be nil");
        assertThatThrownBy(() -> engine.apply(DEPLOYMENT, null, deployment("replicass: 2", WEB), "kubectl", false, ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500))
                .hasMessage("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
                        + ".spec.replicass: field not declared in schema");
    }

    @Test
    void servicePortsWithoutProtocolAreKeyedByItsDefault() {
        ResourceType service = Objects.type("v1", "Service");
        ObjectNode applied = engine.apply(service, null, Objects.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  ports: [{port: 80, targetPort: 8080}]
                """), "kubectl", false, "");
        assertThat(managerEntry(applied, "kubectl").at("/fieldsV1/f:spec/f:ports").fieldNames().next())
                .isEqualTo("k:{\"port\":80,\"protocol\":\"TCP\"}");
    }

    @Test
    void moreThanTenUpdateManagersAreFoldedIntoAncientChanges() {
        ObjectNode current = engine.apply(DEPLOYMENT, null, deployment("replicas: 2", WEB), "kubectl", false, "");
        for (int i = 0; i < 12; i++) {
            ObjectNode next = current.deepCopy();
            next.with("metadata").with("annotations").put("step" + i, "x");
            engine.recordUpdate(DEPLOYMENT, current, next, "writer-" + i, null);
            current = next;
        }
        assertThat(current.at("/metadata/managedFields")).extracting(e -> e.get("manager").asText())
                .as("ten update entries at most").contains("ancient-changes").hasSize(11);
    }

    static JsonNode managerEntry(JsonNode object, String manager) {
        for (JsonNode entry : object.at("/metadata/managedFields")) {
            if (entry.get("manager").asText().equals(manager)) {
                return entry;
            }
        }
        throw new AssertionError("no managedFields entry for " + manager + " in " + object.at("/metadata/managedFields"));
    }
}
