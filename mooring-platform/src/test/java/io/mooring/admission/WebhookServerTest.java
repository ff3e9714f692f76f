package io.mooring.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook over real HTTPS, as the API server calls it: AdmissionReview v1 bodies in, reviews
 * out, and HTTP errors for what is not a review (which the API server settles by failurePolicy).
 */
class WebhookServerTest {
    private static final int LIMIT = 64 * 1024;
    private static final WebhookCertificates CERTIFICATES = WebhookCertificates.generate(List.of("localhost", "127.0.0.1"),
            Duration.ofDays(1), Instant.now());
    private final ObjectMapper json = new ObjectMapper();
    private WebhookServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() throws GeneralSecurityException, IOException {
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), CERTIFICATES.sslContext(),
                new PolicyReviewer(Reviews.examplePolicies()), LIMIT);
        client = HttpClient.newBuilder().sslContext(trusting(CERTIFICATES)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    /** A client that trusts the webhook's CA only, as the API server does with caBundle. */
    static SSLContext trusting(WebhookCertificates certificates) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificates.ca());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private HttpResponse<String> post(byte[] body, String contentType) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(WebhookServer.PATH)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + server.port() + path);
    }

    private JsonNode review(String resource) throws IOException, InterruptedException {
        HttpResponse<String> response = post(Reviews.body(resource), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return json.readTree(response.body());
    }

    @Test
    void aCompliantPodIsAdmitted() throws Exception {
        JsonNode review = review("pod-create.json");

        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.path("response").path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(review.path("response").path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aNonCompliantPodIsRefusedWithThePoliciesMessages() throws Exception {
        JsonNode response = review("pod-create-debug.json").path("response");

        assertThat(response.path("uid").asText()).isEqualTo("3c1f6d2e-51a7-4f0e-9d6b-8c2a7e4b9f10");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText())
                .startsWith("resource Pod/guestbook-prod/debug was blocked due to the following policies")
                .contains("hostPath volumes are not allowed: use a persistent volume claim or emptyDir.")
                .contains("The tag latest is not allowed: pin the version that was tested.");
    }

    @Test
    void updatesAndDeletesAreReviewedToo() throws Exception {
        assertThat(review("deployment-update.json").path("response").path("allowed").asBoolean())
                .as("an update to a :latest image").isFalse();
        JsonNode delete = review("pod-delete.json").path("response");
        assertThat(delete.path("uid").asText()).isEqualTo("0df28fbd-5f5f-11e8-bc74-36e6bb280816");
        assertThat(delete.path("allowed").asBoolean()).as("deleting a non-compliant pod is not stopped by its own violations: "
                + delete).isTrue();
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsABadRequestSayingWhy() throws Exception {
        HttpResponse<String> notJson = post("{\"request\": ".getBytes(), "application/json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("the body is not JSON");

        HttpResponse<String> pod = post("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}".getBytes(), "application/json");
        assertThat(pod.statusCode()).isEqualTo(400);
        assertThat(pod.body()).contains("expected kind AdmissionReview");
    }

    @Test
    void aBodyOverTheLimitIsRefusedDeclaredOrChunked() throws Exception {
        byte[] large = new byte[LIMIT + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        assertThat(post(large, "application/json").statusCode()).as("declared by Content-Length").isEqualTo(413);

        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri(WebhookServer.PATH)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("found while reading a chunked body").isEqualTo(413);

        assertThat(review("pod-create.json").path("response").path("allowed").asBoolean()).as("the server still serves").isTrue();
    }

    @Test
    void otherMethodsContentTypesAndPathsAreRefused() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(WebhookServer.PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post(Reviews.body("pod-create.json"), "text/plain").statusCode()).isEqualTo(415);
        HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(uri(WebhookServer.PATH + "/more")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri(WebhookServer.HEALTH_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aReviewerThatFailsIsAServerErrorNotAnAnswer() throws Exception {
        server.close();
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), CERTIFICATES.sslContext(), review -> {
            throw new IllegalStateException("policies unavailable");
        }, LIMIT);

        HttpResponse<String> response = post(Reviews.body("pod-create.json"), "application/json");

        assertThat(response.statusCode()).as("the API server then applies the failurePolicy").isEqualTo(500);
        assertThat(response.body()).contains("policies unavailable");
    }

    @Test
    void onlyClientsThatTrustItsCaConnect() {
        HttpClient stranger = HttpClient.newHttpClient();
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(uri(WebhookServer.HEALTH_PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        stranger.close();
    }

    @Test
    void answersManyReviewsAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String resource = i % 2 == 0 ? "pod-create.json" : "pod-create-debug.json";
            answers.add(client.sendAsync(HttpRequest.newBuilder(uri(WebhookServer.PATH)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.body(resource))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < answers.size(); i++) {
            JsonNode response = json.readTree(answers.get(i).get().body()).path("response");
            assertThat(response.path("allowed").asBoolean()).as("review " + i).isEqualTo(i % 2 == 0);
        }
    }
}
