package io.mooring.web;

import io.mooring.web.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, readiness and the Prometheus metrics the issue names, without signing in. */
@ExtendWith(WebFixture.Extension.class)
class ObservabilityTest {
    @Test
    void healthAndReadiness(WebFixture fixture) {
        Http.Response health = fixture.browser().get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
        Http.Response ready = fixture.browser().get("/readyz");
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("controller").asText()).isEqualTo("ok");
        assertThat(ready.json().path("checks").path("state").asText()).isEqualTo("ok");
    }

    @Test
    void metricsNameWhatTheyCount(WebFixture fixture) {
        fixture.as(Role.VIEWER).get("/api/v1/applications");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Response metrics = fixture.browser().get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("mooring_sync_total{result=\"Succeeded\",trigger=\"automated\"}")
                    .contains("mooring_sync_duration_seconds_bucket")
                    .contains("mooring_render_duration_seconds_count{renderer=\"plain\",result=\"success\"}")
                    .contains("mooring_git_fetch_duration_seconds_count{result=\"success\"}")
                    .contains("mooring_reconcile_queue_depth")
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/applications\",status=\"200\"}")
                    .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
        });
    }
}
