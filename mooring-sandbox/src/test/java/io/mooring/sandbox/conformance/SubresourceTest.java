package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subresources besides status: {@code scale} (kubectl scale, autoscalers), and the actions
 * {@code pods/binding} (schedulers), {@code pods/eviction} (kubectl drain) and
 * {@code serviceaccounts/token} (kubectl create token).
 */
class SubresourceTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String deployments() {
        return "/apis/apps/v1/namespaces/" + cluster.namespace() + "/deployments";
    }

    private String pods() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/pods";
    }

    private void createDeployment(String name) {
        RawApi.Reply reply = cluster.raw().post(deployments(), """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%1$s"},
                 "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "%1$s"}},
                  "template": {"metadata": {"labels": {"app": "%1$s"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private void createUnscheduledPod(String name) {
        RawApi.Reply reply = cluster.raw().post(pods(), """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s"},
                 "spec": {"nodeSelector": {"conformance.mooring.io/nowhere": "true"}, "containers": [{"name": "main", "image": "busybox:1.36"}]}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    @Test
    void scaleOfADeploymentIsAnAutoscalingScale() {
        createDeployment("scaled-get");

        JsonNode scale = cluster.raw().get(deployments() + "/scaled-get/scale").json();

        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("metadata").path("name").asText()).isEqualTo("scaled-get");
        assertThat(scale.path("metadata").path("resourceVersion").asText()).isNotEmpty();
        assertThat(scale.path("spec").path("replicas").asInt()).isZero();
        assertThat(scale.path("status").path("selector").asText()).as("for autoscalers to find the pods").isEqualTo("app=scaled-get");
    }

    @Test
    void writingTheScaleSetsTheReplicas() {
        createDeployment("scaled-put");
        ObjectNode scale = (ObjectNode) cluster.raw().get(deployments() + "/scaled-put/scale").json();
        ((ObjectNode) scale.path("spec")).put("replicas", 3);

        RawApi.Reply put = cluster.raw().put(deployments() + "/scaled-put/scale", scale.toString());
        RawApi.Reply patched = cluster.raw().patch(deployments() + "/scaled-put/scale", "application/merge-patch+json",
                "{\"spec\": {\"replicas\": 4}}");
        JsonNode deployment = cluster.raw().get(deployments() + "/scaled-put").json();

        assertThat(put.code()).as("%s", put).isEqualTo(200);
        assertThat(put.json().path("kind").asText()).isEqualTo("Scale");
        assertThat(put.json().path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(patched.json().path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(deployment.path("metadata").path("generation").asLong()).as("a scale is a spec change").isEqualTo(3);
        cluster.raw().patch(deployments() + "/scaled-put/scale", "application/merge-patch+json", "{\"spec\": {\"replicas\": 0}}");
    }

    @Test
    void staleScaleConflicts() {
        createDeployment("scaled-stale");
        ObjectNode scale = (ObjectNode) cluster.raw().get(deployments() + "/scaled-stale/scale").json();
        cluster.raw().patch(deployments() + "/scaled-stale", "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"x\": \"y\"}}}");
        ((ObjectNode) scale.path("spec")).put("replicas", 0);

        RawApi.Reply reply = cluster.raw().put(deployments() + "/scaled-stale/scale", scale.toString());

        assertThat(reply.code()).as("%s", reply).isEqualTo(409);
    }

    @Test
    void kindsWithoutScaleHaveNone() {
        cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/configmaps", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "not-scalable"}}
                """);

        assertThat(cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps/not-scalable/scale").code()).isEqualTo(404);
    }

    @Test
    void bindingAssignsAPodToANodeOnce() {
        createUnscheduledPod("bound");
        String binding = """
                {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "bound"},
                 "target": {"apiVersion": "v1", "kind": "Node", "name": "%s"}}
                """;

        RawApi.Reply first = cluster.raw().post(pods() + "/bound/binding", binding.formatted("conformance-node-a"));
        RawApi.Reply second = cluster.raw().post(pods() + "/bound/binding", binding.formatted("conformance-node-b"));
        JsonNode pod = cluster.raw().get(pods() + "/bound").json();

        assertThat(first.code()).as("%s", first).isEqualTo(201);
        assertThat(first.json().path("status").asText()).isEqualTo("Success");
        assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("conformance-node-a");
        assertThat(second.code()).as("a bound pod stays where it is: %s", second).isEqualTo(409);
        assertThat(second.reason()).isEqualTo("Conflict");
    }

    @Test
    void evictionDeletesThePod() {
        createUnscheduledPod("evicted");

        RawApi.Reply reply = cluster.raw().post(pods() + "/evicted/eviction", """
                {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "evicted", "namespace": "%s"}}
                """.formatted(cluster.namespace()));

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(cluster.raw().get(pods() + "/evicted").code()).as("an unscheduled pod goes at once").isEqualTo(404);
    }

    @Test
    void tokenRequestAnswersAToken() {
        cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/serviceaccounts", """
                {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "tokened"}}
                """);

        RawApi.Reply reply = cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/serviceaccounts/tokened/token", """
                {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": {"expirationSeconds": 600}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(reply.json().path("kind").asText()).isEqualTo("TokenRequest");
        assertThat(reply.json().path("status").path("token").asText()).isNotEmpty();
        assertThat(reply.json().path("status").path("expirationTimestamp").asText()).isNotEmpty();
    }

    @Test
    void accessReviewsAnswerWithoutStoringAnything() {
        RawApi.Reply reply = cluster.raw().post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", """
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                 "spec": {"resourceAttributes": {"namespace": "%s", "verb": "create", "resource": "configmaps"}}}
                """.formatted(cluster.namespace()));
        RawApi.Reply whoami = cluster.raw().post("/apis/authentication.k8s.io/v1/selfsubjectreviews", """
                {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(reply.json().path("status").path("allowed").asBoolean()).as("the tests' user may create configmaps").isTrue();
        assertThat(whoami.code()).as("%s", whoami).isEqualTo(201);
        assertThat(whoami.json().path("status").path("userInfo").path("username").asText()).isNotEmpty();
    }

    @Test
    void bindingsCollectionBindsTheNamedPod() {
        createUnscheduledPod("bound-by-collection");

        RawApi.Reply reply = cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/bindings", """
                {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "bound-by-collection"},
                 "target": {"apiVersion": "v1", "kind": "Node", "name": "conformance-node-c"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(cluster.raw().get(pods() + "/bound-by-collection").json().path("spec").path("nodeName").asText())
                .isEqualTo("conformance-node-c");
    }

    @Test
    void tokenOfAMissingServiceAccountIsNotFound() {
        RawApi.Reply reply = cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/serviceaccounts/nobody/token", """
                {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": {}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
    }
}
