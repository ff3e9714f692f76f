package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** How updates (create, PUT, patches) record ownership, as the API server's field manager does. */
class OwnershipRulesTest {
    private static final ResourceType CONFIG_MAP = Objects.type("v1", "ConfigMap");
    private final SchemaPatchEngine engine = new SchemaPatchEngine(ResourceSchemas.kubernetes(),
            Clock.fixed(Instant.parse("2025-05-06T07:08:09Z"), ZoneOffset.UTC));

    private static ObjectNode configMap(String data) {
        return Objects.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default, uid: u1}, data: " + data + "}");
    }

    private ObjectNode created(String manager) {
        ObjectNode object = configMap("{a: '1', b: '2'}");
        engine.recordUpdate(CONFIG_MAP, null, object, manager, null);
        return object;
    }

    @Test
    void aCreateOwnsWhatItSetAndAMapThatAppearsIsItselfOwned() {
        ObjectNode object = created("kubectl-create");
        JsonNode entry = ServerSideApplyTest.managerEntry(object, "kubectl-create");
        assertThat(entry.get("operation").asText()).isEqualTo("Update");
        assertThat(entry.get("time").asText()).isEqualTo("2025-05-06T07:08:09Z");
        assertThat(entry.get("fieldsV1")).as("the data map appeared whole, so it is a member too; identity metadata is nobody's")
                .isEqualTo(Objects.node("{f:data: {f:a: {}, f:b: {}, .: {}}}"));
    }

    @Test
    void anUpdateTakesWhatItChangesAndDropsWhatItRemovesFromEveryone() {
        ObjectNode live = created("creator");
        ObjectNode next = configMap("{a: '9'}");
        next.with("metadata").set("managedFields", live.at("/metadata/managedFields"));
        engine.recordUpdate(CONFIG_MAP, live, next, "editor", null);
        assertThat(ServerSideApplyTest.managerEntry(next, "editor").get("fieldsV1")).isEqualTo(Objects.node("{f:data: {f:a: {}}}"));
        assertThat(ServerSideApplyTest.managerEntry(next, "creator").get("fieldsV1"))
                .as("a went to the editor and b is gone: the data map alone is left").isEqualTo(Objects.node("{f:data: {}}"));
    }

    @Test
    void managedFieldsAClientSendsAreKeptAndAnEmptyListResetsThem() {
        ObjectNode live = created("creator");
        ObjectNode sent = configMap("{a: '1', b: '2'}");
        sent.with("metadata").set("managedFields", Objects.node("""
                [{manager: someone, operation: Apply, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {f:data: {f:a: {}}}}]
                """));
        engine.recordUpdate(CONFIG_MAP, live, sent, "editor", null);
        assertThat(sent.at("/metadata/managedFields")).extracting(e -> e.get("manager").asText()).containsExactly("someone");

        ObjectNode reset = configMap("{a: '1', b: '2'}");
        reset.with("metadata").putArray("managedFields");
        engine.recordUpdate(CONFIG_MAP, live, reset, "editor", null);
        assertThat(reset.at("/metadata").has("managedFields")).as("nothing changed, so nobody owns anything after a reset").isFalse();
    }

    @Test
    void aSubresourceWriteKeepsTheLiveOwnershipWhateverItSends() {
        ResourceType deployment = Objects.type("apps/v1", "Deployment");
        ObjectNode live = ServerSideApplyTest.deployment("replicas: 1", "- {name: web, image: nginx}");
        live.with("metadata").put("uid", "u2");
        engine.recordUpdate(deployment, null, live, "creator", null);
        ObjectNode next = live.deepCopy();
        next.putObject("status").put("replicas", 1);
        next.with("metadata").set("managedFields", Objects.node("[]"));
        engine.recordUpdate(deployment, live, next, "controller", "status");
        assertThat(next.at("/metadata/managedFields")).extracting(e -> e.get("manager").asText() + "/" + e.path("subresource").asText())
                .containsExactlyInAnyOrder("creator/", "controller/status");
    }

    @Test
    void anObjectNobodyTrackedStaysUntrackedByUpdates() {
        ObjectNode live = configMap("{a: '1'}");
        ObjectNode next = configMap("{a: '2'}");
        engine.recordUpdate(CONFIG_MAP, live, next, "editor", null);
        assertThat(next.at("/metadata").has("managedFields")).as("tracking starts at create or at the first apply").isFalse();
    }
}
