package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.Http;
import io.mooring.web.WebFixture;
import io.mooring.web.auth.Role;
import io.mooring.web.auth.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end: a signed GitHub push refreshes the Application whose path it touched (and
 * only it), which syncs the new commit at once though the controller polls hourly; forged,
 * unsigned and oversized deliveries are refused; GitLab and Gitea are checked their way.
 */
@ExtendWith(WebFixture.Extension.class)
class WebhookTest {
    private static String payload(WebFixture fixture, String file) {
        return """
                {"ref": "refs/heads/main", "forced": false, "created": false,
                 "repository": {"clone_url": "%s", "default_branch": "main"},
                 "commits": [{"added": [], "modified": ["%s"], "removed": []}]}
                """.formatted(fixture.repo.url(), file);
    }

    private static Http.Response github(WebFixture fixture, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + Secrets.hex(Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), bytes));
        return fixture.browser().send("POST", "/api/v1/webhooks/github", "application/json", bytes,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature));
    }

    private static String refreshOf(WebFixture fixture, String name) {
        JsonNode app = fixture.as(Role.VIEWER).get("/api/v1/applications/mooring/" + name).json();
        return app.path("metadata").path("annotations").path("mooring.io/refresh").asText("");
    }

    @Test
    void aSignedPushSyncsTheApplicationItTouchedAtOnce(WebFixture fixture) {
        String secret = new WebhookSecrets(fixture.state).secret("github");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Synced".equals(fixture.as(Role.VIEWER).get("/api/v1/applications/mooring/web")
                .json().path("status").path("sync").path("status").asText()));
        String batchBefore = refreshOf(fixture, "batch");
        String sha = fixture.repo.write("apps/web/config.yaml", WebFixture.configMap("web-config", "pushed")).commit("pushed");

        Http.Response delivery = github(fixture, payload(fixture, "apps/web/config.yaml"), secret);
        assertThat(delivery.status()).as(delivery.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "pushed".equals(fixture.client.configMaps().inNamespace("web").withName("web-config")
                .get().getData().get("value")));
        await().atMost(Duration.ofSeconds(30)).until(() -> sha.equals(fixture.as(Role.VIEWER).get("/api/v1/applications/mooring/web").json()
                .path("status").path("sync").path("revision").asText()));
        assertThat(refreshOf(fixture, "batch")).as("batch's path was not in the push").isEqualTo(batchBefore);
        assertThat(fixture.metrics.scrape()).contains("mooring_webhook_deliveries_total{provider=\"github\",result=\"queued\"}");
    }

    @Test
    void forgedUnsignedAndOversizedDeliveriesAreRefused(WebFixture fixture) {
        String secret = new WebhookSecrets(fixture.state).secret("github");
        String body = payload(fixture, "apps/web/config.yaml");
        Http.Response forged = github(fixture, body, "not-the-secret");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("error").path("hint").asText()).contains("mooring-webhooks");
        Http.Response unsigned = fixture.browser().send("POST", "/api/v1/webhooks/github", "application/json", body.getBytes(),
                Map.of("X-GitHub-Event", "push"));
        assertThat(unsigned.status()).isEqualTo(401);
        String huge = body.replace("\"commits\"", "\"padding\": \"" + "x".repeat(WebFixture.WEBHOOK_LIMIT) + "\", \"commits\"");
        Http.Response oversized = github(fixture, huge, secret);
        assertThat(oversized.status()).as("larger than the limit, signed or not").isEqualTo(413);
        Http.Response ping = fixture.browser().send("POST", "/api/v1/webhooks/github", "application/json", "{}".getBytes(),
                Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256",
                        "sha256=" + Secrets.hex(Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), "{}".getBytes()))));
        assertThat(ping.status()).as("a signed ping is acknowledged").isEqualTo(200);
        assertThat(fixture.metrics.scrape()).contains("result=\"rejected\"", "result=\"too_large\"", "result=\"ignored\"");
    }

    @Test
    void gitlabAndGiteaAreCheckedTheirWay(WebFixture fixture) {
        WebhookSecrets secrets = new WebhookSecrets(fixture.state);
        String body = "{\"ref\": \"refs/heads/main\", \"project\": {\"git_http_url\": \"" + fixture.repo.url() + "\"}, \"commits\": []}";
        assertThat(fixture.browser().send("POST", "/api/v1/webhooks/gitlab", "application/json", body.getBytes(),
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", secrets.secret("gitlab"))).status()).isEqualTo(202);
        assertThat(fixture.browser().send("POST", "/api/v1/webhooks/gitlab", "application/json", body.getBytes(),
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess")).status()).isEqualTo(401);
        byte[] gitea = body.getBytes();
        String signature = Secrets.hex(Secrets.hmacSha256(secrets.secret("gitea").getBytes(StandardCharsets.UTF_8), gitea));
        assertThat(fixture.browser().send("POST", "/api/v1/webhooks/gitea", "application/json", gitea,
                Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", signature)).status()).isEqualTo(202);
        assertThat(fixture.browser().send("POST", "/api/v1/webhooks/gitea", "application/json", gitea,
                Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", forged(signature))).status()).isEqualTo(401);
    }

    /** The signature with its first digit changed (a replace of one letter leaves a signature without it valid). */
    private static String forged(String signature) {
        return (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    }
}
