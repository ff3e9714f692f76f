package io.mooring.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A validating admission webhook over HTTPS: {@code POST /validate} takes an AdmissionReview and
 * answers one; {@code GET /healthz} says it is up. Self-contained (the JDK's HTTPS server, a
 * virtual thread per request) so that it can run beside anything or alone.
 *
 * <p>What is not a review the webhook can answer gets an HTTP error, which the API server treats
 * as a failed call and settles by the configuration's failurePolicy: 400 for a body that is not
 * an AdmissionReview, 405 for another method, 413 for a body over the limit, 415 for another
 * content type, 500 when deciding failed.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String PATH = "/validate";
    public static final String HEALTH_PATH = "/healthz";
    /**
     * Room for an object at the API server's own limit (3 MiB of request body) and its old version,
     * as an UPDATE's review carries both.
     */
    public static final int DEFAULT_MAX_BODY = 8 * 1024 * 1024;

    /** How much of an oversized body is read and dropped before answering 413; a larger one may see its connection reset. */
    private static final long DRAIN_LIMIT = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    static {
        // The JDK's server writes a response's headers and its body separately; with Nagle's
        // algorithm on, the body waits for the client's delayed ACK of the headers (40 ms and more
        // on Linux), which the API server's webhook call would pay on every quiet connection. Read
        // once, when the JDK's first HTTP server of the process starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Reviewer reviewer;
    private final int maxBody;

    private WebhookServer(HttpsServer server, ExecutorService executor, Reviewer reviewer, int maxBody) {
        this.server = server;
        this.executor = executor;
        this.reviewer = reviewer;
        this.maxBody = maxBody;
    }

    /**
     * Starts serving on {@code address} (port 0: any free port).
     *
     * @param maxBody the largest request body accepted, in bytes
     */
    public static WebhookServer start(InetSocketAddress address, SSLContext tls, Reviewer reviewer, int maxBody) {
        HttpsServer server;
        try {
            server = HttpsServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setProtocols(PROTOCOLS);
                parameters.setSSLParameters(ssl);
            }
        });
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        WebhookServer webhook = new WebhookServer(server, executor, reviewer, maxBody);
        server.createContext(PATH, webhook::validate);
        server.createContext(HEALTH_PATH, webhook::health);
        server.start();
        return webhook;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void validate(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH) || !"POST".equals(exchange.getRequestMethod())
                    || !isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                // Refused without looking at the body: it is read to its end first (bounded), as for a 413, since an
                // answer sent over unread request data can leave the kept-alive connection out of step.
                try (InputStream in = exchange.getRequestBody()) {
                    drain(in);
                }
            }
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                plain(exchange, 404, "no such path: the webhook answers POST " + PATH);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                plain(exchange, 405, "use POST with an AdmissionReview");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!isJson(type)) {
                plain(exchange, 415, "the body must be application/json (an AdmissionReview), not " + (type == null ? "untyped" : type));
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                plain(exchange, 413, "the body is larger than " + maxBody + " bytes");
                return;
            }
            AdmissionReview review;
            try {
                review = AdmissionReview.parse(body, Instant.now());
            } catch (MalformedReviewException e) {
                plain(exchange, 400, e.getMessage());
                return;
            }
            Decision decision;
            try {
                decision = reviewer.review(review);
            } catch (RuntimeException e) {
                LOG.error("cannot decide review {} of {}", review.uid(), describe(review), e);
                plain(exchange, 500, "cannot decide: " + e.getMessage());
                return;
            }
            if (!decision.allowed()) {
                LOG.info("refused {} {}: {}", review.request().operation(), describe(review), decision.message().replace('\n', ' '));
            }
            byte[] response = review.response(decision);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            plain(exchange, 200, "ok");
        }
    }

    /**
     * The body, or null when it is larger than the limit (declared so, or found so while reading).
     * An oversized body is read to its end and dropped (up to {@link #DRAIN_LIMIT}): a server that
     * closes a connection with unread data resets it, and the client would lose the 413.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (length > maxBody) {
                if (length <= DRAIN_LIMIT) {
                    drain(in);
                }
                return null;
            }
            byte[] body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) {
                drain(in);
                return null;
            }
            return body;
        }
    }

    private static boolean isJson(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        for (int n = in.read(buffer); n >= 0 && drained < DRAIN_LIMIT; n = in.read(buffer)) {
            drained += n;
        }
    }

    private static String describe(AdmissionReview review) {
        var object = review.request().object() != null ? review.request().object() : review.request().oldObject();
        var metadata = object.path("metadata");
        return object.path("kind").asText("?") + "/" + (review.namespace().isEmpty() ? "" : review.namespace() + "/")
                + metadata.path("name").asText(metadata.path("generateName").asText(""));
    }

    private static void plain(HttpExchange exchange, int code, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
