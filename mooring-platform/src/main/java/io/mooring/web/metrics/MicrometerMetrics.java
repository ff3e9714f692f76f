package io.mooring.web.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mooring.metrics.PlatformMetrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The control plane's metrics in a Micrometer registry, served in Prometheus' text format:
 * {@code mooring_sync_total{result,trigger}}, {@code mooring_sync_duration_seconds},
 * {@code mooring_render_duration_seconds{renderer,result}}, {@code mooring_git_fetch_duration_seconds{result}},
 * {@code mooring_reconcile_queue_depth}, {@code mooring_webhook_deliveries_total{provider,result}},
 * {@code http_server_requests_seconds{method,route,status}} and the JVM's.
 */
public final class MicrometerMetrics implements PlatformMetrics {
    private static final String STARTED = "mooring.metrics.started";
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MicrometerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The reconcile queue's depth, read at each scrape. */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("mooring.reconcile.queue.depth", depth).description("Applications waiting for a controller worker").register(registry);
    }

    @Override
    public void gitFetched(String result, Duration duration) {
        timer("mooring.git.fetch.duration", "Git fetches", "result", result).record(duration);
    }

    @Override
    public void rendered(String renderer, String result, Duration duration) {
        timer("mooring.render.duration", "Renders of an Application's source", "renderer", renderer, "result", result).record(duration);
    }

    @Override
    public void synced(String result, String trigger, Duration duration) {
        Counter.builder("mooring.sync").description("Syncs by result").tags("result", result, "trigger", trigger).register(registry).increment();
        timer("mooring.sync.duration", "Syncs", "result", result).record(duration);
    }

    /** A webhook delivery ended: {@code result} is refreshed, ignored, rejected, overloaded or too_large. */
    public void webhookDelivered(String provider, String result) {
        Counter.builder("mooring.webhook.deliveries").description("Webhook deliveries by provider and result")
                .tags("provider", provider, "result", result).register(registry).increment();
    }

    /** Times every request, by its route's template (not its path: one series per route). */
    public void install(RoutesConfig routes) {
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(this::requestDone);
    }

    private void requestDone(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        timer("http.server.requests", "HTTP requests", "method", ctx.method().name(), "route", route, "status",
                Integer.toString(ctx.status().getCode())).record(Duration.ofNanos(System.nanoTime() - started));
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(SLOS).register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
