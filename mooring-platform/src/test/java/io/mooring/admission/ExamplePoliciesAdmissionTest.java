package io.mooring.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.RenderRequest;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample platform at the admission door: every object of the sample apps, rendered as their
 * Applications render them, is admitted by a webhook serving the sample policies; the debug pod is
 * refused (see also {@link WebhookServerTest}).
 */
class ExamplePoliciesAdmissionTest {
    private final ObjectMapper json = new ObjectMapper();

    private List<Manifest> rendered(String path, String values, String namespace) {
        Path dir = Reviews.examples().resolve(path);
        return Renderers.forPath(dir).render(new RenderRequest(dir, values == null ? List.of() : List.of(dir.resolve(values)), List.of(),
                namespace, "todo"));
    }

    private byte[] create(ObjectNode object, String namespace) throws Exception {
        ObjectNode review = json.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", UUID.randomUUID().toString()).put("operation", "CREATE").put("namespace", namespace)
                .put("name", object.path("metadata").path("name").asText());
        request.putObject("userInfo").put("username", "system:serviceaccount:mooring:mooring-controller");
        request.set("object", object);
        return json.writeValueAsBytes(review);
    }

    @Test
    void everyObjectOfTheSampleAppsIsAdmittedAndTheDebugPodIsNot() throws Exception {
        WebhookCertificates certificates = WebhookCertificates.generate(List.of("localhost"), Duration.ofHours(1), Instant.now());
        List<Manifest> objects = new ArrayList<>();
        objects.addAll(rendered("apps/guestbook/overlays/staging", null, "guestbook-staging"));
        objects.addAll(rendered("apps/guestbook/overlays/prod", null, "guestbook-prod"));
        objects.addAll(rendered("apps/todo-stack", "values-prod.yaml", "todo-prod"));
        try (WebhookServer server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), certificates.sslContext(),
                new PolicyReviewer(Reviews.examplePolicies()), WebhookServer.DEFAULT_MAX_BODY);
             HttpClient client = HttpClient.newBuilder().sslContext(WebhookServerTest.trusting(certificates)).build()) {
            URI uri = URI.create("https://localhost:" + server.port() + WebhookServer.PATH);
            for (Manifest manifest : objects) {
                String namespace = manifest.object().path("metadata").path("namespace").asText("todo-prod");
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(create(manifest.object(), namespace))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode answer = json.readTree(response.body()).path("response");
                assertThat(answer.path("allowed").asBoolean()).as(manifest.key() + " from " + manifest.source() + ": " + answer).isTrue();
            }
            HttpResponse<String> debug = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.body("pod-create-debug.json"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.readTree(debug.body()).path("response").path("allowed").asBoolean()).isFalse();
        }
        assertThat(objects).extracting(m -> m.key().kind()).as("pod controllers were among them").contains("Deployment", "Ingress");
    }
}
