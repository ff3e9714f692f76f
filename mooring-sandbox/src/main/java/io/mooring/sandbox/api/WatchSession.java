package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One watch, from its subscription to its end, written to a {@link Sink} (chunked HTTP lines or
 * WebSocket messages): the events as {@code {"type": ..., "object": ...}}, rendered as the client
 * asked (whole objects, Tables, or metadata only); bookmarks when allowed, including the one that
 * ends the initial events; a 410 as an ERROR event, as kube-apiserver reports an expired version
 * after the watch has started. It ends at {@code timeoutSeconds}, when the client leaves or when
 * the server stops.
 */
final class WatchSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_TIMEOUT_SECONDS = 1800;
    private static final long BOOKMARK_MILLIS = 10_000;
    private static final long POLL_MILLIS = 500;

    /** Where the events go; an IOException means the client left. */
    interface Sink {
        void send(byte[] event) throws IOException, InterruptedException;
    }

    private final ResourceApi api;
    private final Rendering rendering;
    private final RequestTarget target;
    private final ListOptions options;
    private boolean headersSent;

    WatchSession(ResourceApi api, Rendering rendering, RequestTarget target, ListOptions options) {
        this.api = api;
        this.rendering = rendering;
        this.target = target;
        this.options = target.isCollection() ? options : options.forName(target.name());
    }

    /**
     * Subscribes, checking the options first: a bad selector fails here, before anything is sent,
     * so that the caller can answer it with an HTTP error. An expired resourceVersion does not: it
     * is the first event of the watch.
     */
    Subscription subscribe() {
        try {
            return api.watch(target.type(), target.namespace(), options);
        } catch (ApiException e) {
            if (e.code() == 410) {
                return null;
            }
            throw e;
        }
    }

    /** Streams {@code subscription}'s events (null: the version was too old) until the watch ends. */
    void run(Subscription subscription, Sink sink, BooleanSupplier open) throws IOException, InterruptedException {
        if (subscription == null) {
            sink.send(event("ERROR", ApiException.gone("too old resource version: " + options.resourceVersion() + " ("
                    + api.store().oldestResumable() + ")").status()));
            return;
        }
        try (subscription) {
            long seconds = options.timeoutSeconds() > 0 ? options.timeoutSeconds() : DEFAULT_TIMEOUT_SECONDS;
            long deadline = System.currentTimeMillis() + seconds * 1000;
            long initialRevision = subscription.progress();
            boolean initialPending = options.sendInitialEvents();
            long lastBookmark = System.currentTimeMillis();
            while (open.getAsBoolean() && System.currentTimeMillis() < deadline) {
                long progress = subscription.progress();
                WatchEvent event;
                try {
                    event = subscription.poll(Math.min(POLL_MILLIS, Math.max(1, deadline - System.currentTimeMillis())));
                } catch (ApiException fellBehind) {
                    sink.send(event("ERROR", fellBehind.status()));
                    return;
                }
                if (event != null) {
                    if (initialPending && event.revision() > initialRevision) {
                        sink.send(event("BOOKMARK", bookmark(initialRevision, true)));
                        initialPending = false;
                    }
                    sink.send(event(event.type().name(), render(event.object())));
                } else if (initialPending) {
                    sink.send(event("BOOKMARK", bookmark(progress, true)));
                    initialPending = false;
                    lastBookmark = System.currentTimeMillis();
                } else if (options.allowBookmarks() && System.currentTimeMillis() - lastBookmark > BOOKMARK_MILLIS) {
                    sink.send(event("BOOKMARK", bookmark(progress, false)));
                    lastBookmark = System.currentTimeMillis();
                }
            }
        }
    }

    private JsonNode render(ObjectNode object) {
        return switch (rendering.form()) {
            case TABLE -> {
                ObjectNode table = rendering.tables().table(target.type(), List.of(object), object.path("metadata").path("resourceVersion")
                        .asText(), rendering.includeObject());
                if (headersSent) {
                    table.remove("columnDefinitions");
                }
                headersSent = true;
                yield table;
            }
            case METADATA -> Rendering.partial(object);
            case OBJECT -> object;
        };
    }

    private ObjectNode bookmark(long revision, boolean initialEventsEnd) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("kind", target.type().kind());
        object.put("apiVersion", target.type().apiVersion());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) {
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return object;
    }

    private static byte[] event(String type, JsonNode object) throws IOException {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.set("object", object);
        return JSON.writeValueAsBytes(event);
    }
}
