package io.mooring.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.policy.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading AdmissionReview requests in the API server's v1 format, and writing the response it expects. */
class AdmissionReviewTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static AdmissionReview parse(String json) {
        return AdmissionReview.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void readsACreateWithItsUserAndPlacesTheObjectInTheRequestsNamespace() {
        AdmissionReview review = AdmissionReview.parse(Reviews.body("pod-create.json"), NOW);

        assertThat(review.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(review.apiVersion()).isEqualTo(AdmissionReview.V1);
        assertThat(review.request().operation()).isEqualTo(Operation.CREATE);
        assertThat(review.request().oldObject()).as("null in JSON is no old object").isNull();
        assertThat(review.request().object().path("metadata").path("namespace").asText())
                .as("the object names no namespace; the request does").isEqualTo("guestbook-prod");
        assertThat(review.request().userInfo().username()).isEqualTo("system:serviceaccount:kube-system:replicaset-controller");
        assertThat(review.request().userInfo().groups()).contains("system:authenticated");
        assertThat(review.request().now()).isEqualTo(NOW);
        assertThat(review.subResource()).isEmpty();
    }

    @Test
    void readsAnUpdateWithBothObjectsAndADeleteWithTheOldOneOnly() {
        AdmissionReview update = AdmissionReview.parse(Reviews.body("deployment-update.json"), NOW);
        assertThat(update.request().operation()).isEqualTo(Operation.UPDATE);
        assertThat(update.request().oldObject().path("metadata").path("generation").asInt()).isEqualTo(2);

        AdmissionReview delete = AdmissionReview.parse(Reviews.body("pod-delete.json"), NOW);
        assertThat(delete.request().operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.request().object()).isNull();
        assertThat(delete.request().oldObject().path("metadata").path("name").asText()).isEqualTo("debug");
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> parse("{\"apiVersion\": ")).isInstanceOf(MalformedReviewException.class).hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("the body is not a JSON object");
        assertThatThrownBy(() -> parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}"))
                .hasMessage("expected kind AdmissionReview of apiVersion admission.k8s.io/v1, got kind 'Pod' of apiVersion 'v1'");
        assertThatThrownBy(() -> parse("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"))
                .hasMessage("the AdmissionReview has no request");
        String head = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":";
        assertThatThrownBy(() -> parse(head + "{\"operation\":\"CREATE\",\"object\":{}}}")).hasMessage("request.uid is missing");
        assertThatThrownBy(() -> parse(head + "{\"uid\":\"u\",\"operation\":\"PATCH\",\"object\":{}}}"))
                .hasMessage("request.operation must be CREATE, UPDATE, DELETE or CONNECT, not 'PATCH'");
        assertThatThrownBy(() -> parse(head + "{\"uid\":\"u\",\"operation\":\"CREATE\"}}"))
                .hasMessage("request.object and request.oldObject are both missing");
        assertThatThrownBy(() -> parse(head + "{\"uid\":\"u\",\"operation\":\"CREATE\",\"object\":\"pod\"}}"))
                .hasMessage("request.object must be an object");
        assertThatThrownBy(() -> parse(head + "{\"uid\":7,\"operation\":\"CREATE\",\"object\":{}}}")).hasMessage("request.uid must be a string");
        assertThatThrownBy(() -> parse(head + "{\"uid\":\"u\",\"operation\":\"CREATE\",\"object\":{}}} trailing"))
                .hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> parse(head + "{\"uid\":\"u\",\"operation\":\"CREATE\",\"object\":" + "[".repeat(5000) + "]".repeat(5000) + "}}"))
                .as("nesting built to exhaust the stack").hasMessageStartingWith("the body is not JSON");
    }

    @Test
    void theResponseRepeatsTheUidAndRefusesWithAForbiddenStatusAndWarnings() throws IOException {
        AdmissionReview review = AdmissionReview.parse(Reviews.body("pod-create.json"), NOW);
        ObjectMapper json = new ObjectMapper();

        JsonNode allowed = json.readTree(review.response(Decision.ALLOW));
        assertThat(allowed.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(allowed.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(allowed.path("response").path("uid").asText()).isEqualTo(review.uid());
        assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("response").has("status")).isFalse();
        assertThat(allowed.path("response").has("warnings")).isFalse();

        JsonNode refused = json.readTree(review.response(new Decision(false, "no", List.of("policy p.r: careful"))));
        assertThat(refused.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(refused.path("response").path("status").path("code").asInt()).isEqualTo(403);
        assertThat(refused.path("response").path("status").path("message").asText()).isEqualTo("no");
        assertThat(refused.path("response").path("warnings").get(0).asText()).isEqualTo("policy p.r: careful");
    }
}
