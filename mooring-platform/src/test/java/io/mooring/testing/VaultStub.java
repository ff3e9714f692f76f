package io.mooring.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for HashiCorp Vault's KV version 2 engine, following Vault's documented HTTP API
 * ({@code GET /v1/<mount>/data/<path>?version=N}, {@code GET /v1/<mount>/metadata/<path>}, token in
 * {@code X-Vault-Token}, errors as {@code {"errors": [...]}}, deleted versions answered 404 with their
 * metadata). Vault's own server cannot be installed on the machines this project builds on (no Debian
 * or npm package carries it), so the tests run against this JDK HttpServer instead of a real Vault.
 */
public final class VaultStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String mount;
    private final String token;
    private final Map<String, List<ObjectNode>> versions = new HashMap<>();
    private final Map<String, Integer> deleted = new HashMap<>();
    private final Map<String, ObjectNode> customMetadata = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    public VaultStub(String mount, String token) {
        this.mount = mount;
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes a new version of {@code path}. */
    public synchronized VaultStub put(String path, Map<String, ?> data) {
        versions.computeIfAbsent(path, p -> new ArrayList<>()).add(JSON.valueToTree(data));
        return this;
    }

    public synchronized VaultStub metadata(String path, Map<String, String> custom) {
        customMetadata.put(path, JSON.valueToTree(custom));
        return this;
    }

    /** Soft-deletes one version, as {@code vault kv delete -versions=N} does. */
    public synchronized VaultStub delete(String path, int version) {
        deleted.put(path + "#" + version, version);
        return this;
    }

    /** How many reads reached the server. */
    public int reads() {
        return reads.get();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        reads.incrementAndGet();
        String path = exchange.getRequestURI().getPath().substring("/v1/".length());
        if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
            reply(exchange, 403, errors("permission denied"));
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            reply(exchange, 405, errors("unsupported operation"));
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (path.startsWith(mount + "/data/")) {
            String key = path.substring((mount + "/data/").length());
            List<ObjectNode> all = versions.get(key);
            if (all == null) {
                reply(exchange, 404, errors());
                return;
            }
            int version = query != null && query.startsWith("version=") ? Integer.parseInt(query.substring(8)) : all.size();
            if (version < 1 || version > all.size()) {
                reply(exchange, 404, errors());
                return;
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode data = body.putObject("data");
            ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("created_time", Instant.EPOCH.toString())
                    .put("deletion_time", "").put("destroyed", false).put("version", version);
            metadata.set("custom_metadata", customMetadata.get(key));
            if (deleted.containsKey(key + "#" + version)) {
                data.putNull("data");
                metadata.put("deletion_time", Instant.EPOCH.toString());
                data.set("metadata", metadata);
                reply(exchange, 404, body);
                return;
            }
            data.set("data", all.get(version - 1));
            data.set("metadata", metadata);
            reply(exchange, 200, body);
        } else if (path.startsWith(mount + "/metadata/")) {
            String key = path.substring((mount + "/metadata/").length());
            List<ObjectNode> all = versions.get(key);
            if (all == null) {
                reply(exchange, 404, errors());
                return;
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode data = body.putObject("data");
            data.put("current_version", all.size());
            data.set("custom_metadata", customMetadata.get(key));
            ObjectNode list = data.putObject("versions");
            for (int i = 1; i <= all.size(); i++) {
                list.putObject(String.valueOf(i)).put("created_time", Instant.EPOCH.toString())
                        .put("deletion_time", deleted.containsKey(key + "#" + i) ? Instant.EPOCH.toString() : "").put("destroyed", false);
            }
            reply(exchange, 200, body);
        } else {
            reply(exchange, 404, errors("no handler for route \"" + path + "\""));
        }
    }

    private static ObjectNode errors(String... texts) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var array = body.putArray("errors");
        for (String text : texts) {
            array.add(text);
        }
        return body;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
