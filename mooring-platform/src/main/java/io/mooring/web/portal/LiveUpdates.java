package io.mooring.web.portal;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.mooring.web.ApiException;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /live}: server-sent events that tell an open page an Application changed (a sync, a
 * drift the controller found, a health change), so that it reloads its live part with htmx (see
 * portal.js). {@code ?application=namespace/name} follows one Application; without it, any.
 * Changes are coalesced: at most one event per {@link #COALESCE} per page, whatever the controller
 * writes, so that 1,000 Applications syncing at once do not flood a browser. A comment every
 * {@link #HEARTBEAT} keeps proxies from closing a quiet stream.
 */
final class LiveUpdates implements WebFeature, AutoCloseable {
    static final Duration COALESCE = Duration.ofMillis(300);
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final LiveApplications live;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mooring-live-updates").daemon().factory());

    LiveUpdates(LiveApplications live) {
        this.live = live;
    }

    @Override
    public void register(Routes routes) {
        SseHandler stream = new SseHandler(this::follow);
        routes.get("/live", Action.VIEW_APPLICATIONS, ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ApiException(406, "/live is a stream of server-sent events", "open it with EventSource (Accept: text/event-stream)");
            }
            stream.handle(ctx);
        });
    }

    private void follow(SseClient client) {
        String application = client.ctx().queryParam("application");
        AtomicBoolean pending = new AtomicBoolean();
        Runnable unsubscribe = live.subscribe(key -> {
            if ((application == null || application.equals(key)) && pending.compareAndSet(false, true)) {
                timer.schedule(() -> {
                    pending.set(false);
                    send(client, () -> client.sendEvent("changed", key));
                }, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        ScheduledFuture<?> heartbeat = timer.scheduleAtFixedRate(() -> send(client, () -> client.sendComment("keep-alive")),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        client.onClose(() -> {
            unsubscribe.run();
            heartbeat.cancel(false);
        });
        send(client, () -> client.sendComment("connected"));
        client.keepAlive();
    }

    /** Writes on a virtual thread of its own: a slow browser must not hold the timer that serves the others. */
    private static void send(SseClient client, Runnable write) {
        if (client.terminated()) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            synchronized (client) {
                if (!client.terminated()) {
                    write.run();
                }
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
