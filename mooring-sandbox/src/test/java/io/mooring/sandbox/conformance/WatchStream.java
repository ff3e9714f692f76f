package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.WebSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The events of one watch as the wire carries them ({@code {"type": ..., "object": ...}}), read
 * either as chunked JSON lines or as WebSocket messages, so that tests see exactly what clients see.
 */
final class WatchStream implements AutoCloseable {
    private static final JsonNode END = RawApi.JSON.createObjectNode().put("type", "<end of stream>");

    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private volatile Runnable closer = () -> { };
    private volatile int httpCode;
    private volatile boolean ended;

    static WatchStream http(HttpClient http, HttpRequest request) {
        WatchStream stream = new WatchStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        CompletableFuture<HttpResponse<AsyncBody>> response = http.consumeBytes(request, (buffers, body) -> {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        stream.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
            body.consume();
        });
        try {
            HttpResponse<AsyncBody> started = response.get(30, TimeUnit.SECONDS);
            stream.httpCode = started.code();
            stream.closer = () -> started.body().cancel();
            started.body().done().whenComplete((ok, error) -> {
                if (line.size() > 0) {
                    stream.add(line.toString(StandardCharsets.UTF_8));
                }
                stream.end();
            });
            started.body().consume();
        } catch (Exception e) {
            throw new AssertionError("the watch " + request.uri() + " did not start", e);
        }
        return stream;
    }

    static WatchStream websocket(HttpClient http, URI uri) {
        WatchStream stream = new WatchStream();
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().uri(uri).buildAsync(new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request();
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                stream.add(text);
                webSocket.request();
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
                stream.add(StandardCharsets.UTF_8.decode(bytes).toString());
                webSocket.request();
            }

            @Override
            public void onClose(WebSocket webSocket, int code, String reason) {
                stream.end();
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                stream.end();
            }
        });
        try {
            WebSocket open = socket.get(30, TimeUnit.SECONDS);
            stream.httpCode = 101;
            stream.closer = () -> open.sendClose(1000, "test done");
        } catch (Exception e) {
            throw new AssertionError("the WebSocket watch " + uri + " did not open", e);
        }
        return stream;
    }

    private void add(String text) {
        if (text.isBlank()) {
            return;
        }
        try {
            events.add(RawApi.JSON.readTree(text));
        } catch (IOException e) {
            events.add(RawApi.JSON.createObjectNode().put("type", "<not JSON>").put("text", text));
        }
    }

    private void end() {
        ended = true;
        events.add(END);
    }

    int httpCode() {
        return httpCode;
    }

    /** The next event, or null when none comes within {@code wait} or the stream ended. */
    JsonNode next(Duration wait) throws InterruptedException {
        JsonNode event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == END) {
            events.add(END);
            return null;
        }
        return event;
    }

    /** The next event that matches, skipping others (a real server may send bookmarks at any time). */
    JsonNode nextMatching(Duration wait, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                return null;
            }
            if (wanted.test(event)) {
                return event;
            }
        }
        return null;
    }

    /** Every event that arrives within {@code wait}, bookmarks left out. */
    List<JsonNode> drain(Duration wait) throws InterruptedException {
        List<JsonNode> result = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            if (!"BOOKMARK".equals(event.path("type").asText())) {
                result.add(event);
            }
        }
        return result;
    }

    /** Whether the server ended the stream within {@code wait}, events before the end aside. */
    boolean endsWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) == null && ended) {
                return true;
            }
        }
        return ended;
    }

    static String type(JsonNode event) {
        return event == null ? "<none>" : event.path("type").asText();
    }

    static String name(JsonNode event) {
        return event == null ? "<none>" : event.path("object").path("metadata").path("name").asText();
    }

    @Override
    public void close() {
        closer.run();
    }
}
