package io.mooring.web.metrics;

import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

/** {@code GET /metrics}: Prometheus' text format, for a scraper (no secrets in it, so no sign-in). */
public record MetricsRoutes(MicrometerMetrics metrics) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/metrics", Action.PUBLIC, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }
}
