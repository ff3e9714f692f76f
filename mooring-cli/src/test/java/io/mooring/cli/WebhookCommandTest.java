package io.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mooring policy webhook certs|config|serve}: the admission door from the command line. */
class WebhookCommandTest {
    private static final String POLICIES = CliRun.repositoryRoot().resolve("examples/platform/policies").toString();
    private static final String DEBUG_POD = """
            {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
             "request": {"uid": "0b7c", "operation": "CREATE", "namespace": "shop", "name": "debug",
               "userInfo": {"username": "kubernetes-admin"},
               "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug"},
                 "spec": {"containers": [{"name": "c", "image": "busybox:latest"}]}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void certsWritesTheCaAndTheServingCertificateForTheService() {
        CliRun run = CliRun.of("policy", "webhook", "certs", "--service", "mooring/mooring-admission", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(dir.resolve("ca.crt")).exists();
        assertThat(dir.resolve("tls.crt")).exists();
        assertThat(dir.resolve("tls.key")).exists();
        assertThat(run.out()).contains("mooring-admission.mooring.svc").contains("kubectl -n mooring create secret tls mooring-admission-tls");
    }

    @Test
    void configDerivesTheRulesFromThePoliciesAndCarriesTheCa() throws Exception {
        CliRun.of("policy", "webhook", "certs", "--service", "mooring/mooring-admission", "--out", dir.toString());

        CliRun run = CliRun.of("policy", "webhook", "config", "--policies", POLICIES, "--service", "mooring/mooring-admission",
                "--ca-file", dir.resolve("ca.crt").toString(), "--timeout", "5s", "--failure-policy", "Ignore", "--exclude-namespace", "monitoring");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode configuration = new YamlReader().readOne("config.yaml", run.out());
        assertThat(configuration.path("kind").asText()).isEqualTo("ValidatingWebhookConfiguration");
        JsonNode webhook = configuration.path("webhooks").get(0);
        assertThat(new String(Base64.getDecoder().decode(webhook.path("clientConfig").path("caBundle").asText()), StandardCharsets.US_ASCII))
                .isEqualTo(Files.readString(dir.resolve("ca.crt")));
        assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(5);
        assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(webhook.path("namespaceSelector").toString()).contains("kube-system").contains("mooring").contains("monitoring");
        assertThat(webhook.path("rules").toString()).contains("pods").contains("deployments").contains("ingresses");
    }

    @Test
    void configRefusesWhatTheApiServerWould() {
        CliRun tooLong = CliRun.of("policy", "webhook", "config", "--policies", POLICIES, "--service", "mooring/a", "--cert-manager", "mooring/a",
                "--timeout", "45s");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("between 1 and 30 seconds");

        CliRun both = CliRun.of("policy", "webhook", "config", "--policies", POLICIES, "--service", "mooring/a", "--url", "https://x/validate",
                "--cert-manager", "mooring/a");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void serveRefusesToRunWithoutCertificates() {
        CliRun run = CliRun.of("policy", "webhook", "serve", "--policies", POLICIES);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the webhook serves HTTPS only");
    }

    @Test
    void serveAnswersReviewsOverHttps() throws Exception {
        CliRun.of("policy", "webhook", "certs", "--host", "localhost", "--out", dir.toString());
        StringWriter err = new StringWriter();
        Thread serving = Thread.ofPlatform().start(() -> Main.commandLine().setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true))
                .execute("policy", "webhook", "serve", "--policies", POLICIES, "--cert-dir", dir.toString(), "--address", "127.0.0.1", "--port", "0"));
        try {
            Pattern started = Pattern.compile("6 policies from .* at https://127\\.0\\.0\\.1:(\\d+)/validate");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!started.matcher(err.toString()).find() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Matcher port = started.matcher(err.toString());
            assertThat(port.find()).as("serve says where it listens: " + err).isTrue();
            try (HttpClient client = HttpClient.newBuilder().sslContext(trusting(dir.resolve("ca.crt"))).build()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port.group(1) + "/validate"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DEBUG_POD)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode answer = new ObjectMapper().readTree(response.body()).path("response");
                assertThat(answer.path("uid").asText()).isEqualTo("0b7c");
                assertThat(answer.path("allowed").asBoolean()).isFalse();
                assertThat(answer.path("status").path("message").asText()).contains("disallow-latest-tag");
            }
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertThat(serving.isAlive()).as("serve stops when interrupted").isFalse();
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
