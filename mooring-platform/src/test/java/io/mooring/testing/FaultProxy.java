package io.mooring.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy between Mooring and an API server that fails on purpose, at a steady rate: 500s,
 * 409 conflicts on writes, requests held past the client's timeout, and watch streams cut after a
 * while. It counts what passed, so that a test can check that nothing was deleted that should not
 * have been. A stand-in for a flaky network and an overloaded API server; the API server behind
 * it is the real sandbox.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "keep-alive", "expect");

    private static final ScheduledExecutorService CUTTER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fault-proxy-cutter").factory());

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI upstream;
    private final Random random;
    private volatile double faultRate;
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final Map<String, AtomicLong> byMethod = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> deletes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** @param faultRate the share of requests that fail (0 to 1) */
    public FaultProxy(String upstream, double faultRate, long seed) throws IOException {
        this.upstream = URI.create(upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream);
        this.faultRate = faultRate;
        this.random = new Random(seed);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A kubeconfig for the proxy (no credentials: the sandbox needs none). */
    public Path kubeconfig(Path dir) throws IOException {
        Path file = dir.resolve("proxy-kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: proxy, cluster: {server: '%s'}}]
                contexts: [{name: proxy, context: {cluster: proxy, user: proxy}}]
                users: [{name: proxy, user: {}}]
                current-context: proxy
                """.formatted(url()));
        return file;
    }

    public void faultRate(double rate) {
        this.faultRate = rate;
    }

    public long faults() {
        return faults.get();
    }

    public long forwarded() {
        return forwarded.get();
    }

    /** Requests of one method (PATCH: applies) that reached the API server. */
    public long forwarded(String method) {
        return byMethod.getOrDefault(method, new AtomicLong()).get();
    }

    /** The paths of DELETE requests that reached the API server. */
    public List<String> deletes() {
        return List.copyOf(deletes);
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String query = exchange.getRequestURI().getRawQuery();
            boolean watch = query != null && query.contains("watch=true");
            double dice = roll();
            if (!watch && dice < faultRate) {
                faults.incrementAndGet();
                double kind = dice / faultRate;
                if (kind < 0.4) {
                    status(exchange, 500, "InternalError", "injected server error");
                    return;
                }
                if (kind < 0.7 && !method.equals("GET")) {
                    status(exchange, 409, "Conflict", "injected conflict: the object has been modified; please apply your changes to the latest version and try again");
                    return;
                }
                if (kind < 0.85) {
                    status(exchange, 429, "TooManyRequests", "injected throttling");
                    return;
                }
                // Held until the client gives up (or 15 s), then dropped without an answer.
                sleep(Duration.ofSeconds(15));
                return;
            }
            forward(exchange, method, watch);
        }
    }

    private void forward(HttpExchange exchange, String method, boolean watch) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_HEADERS.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(v -> request.header(header.getKey(), v));
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        forwarded.incrementAndGet();
        byMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        if (method.equals("DELETE") && response.statusCode() < 300) {
            deletes.add(exchange.getRequestURI().getPath());
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), watch ? 0 : response.headers().firstValueAsLong("content-length").orElse(0));
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            if (!watch) {
                in.transferTo(out);
                return;
            }
            // A watch stream is cut at a random point: the client must resume from its last resourceVersion.
            var cut = faultRate == 0 ? null : CUTTER.schedule(() -> {
                faults.incrementAndGet();
                try {
                    in.close();
                } catch (IOException e) {
                    // closing is all that is wanted
                }
            }, 500 + (long) (roll() * 4000), TimeUnit.MILLISECONDS);
            try {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or the client went away
            } finally {
                if (cut != null) {
                    cut.cancel(false);
                }
            }
        }
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
