package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain HTTP requests to the API server under test, for what fabric8 hides (status codes, Status
 * bodies, headers, streams). Goes through fabric8's HTTP client, so a real cluster's kubeconfig
 * (certificates, tokens) works as it does for fabric8 itself.
 */
final class RawApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;

    RawApi(KubernetesClient client) {
        this.http = client.getHttpClient();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An answer: code, body and headers. */
    record Reply(int code, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON: " + body, e);
            }
        }

        String reason() {
            return json().path("reason").asText();
        }

        String message() {
            return json().path("message").asText();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse("");
        }

        @Override
        public String toString() {
            return code + " " + body;
        }
    }

    Reply get(String path) {
        return send(request(path).build());
    }

    Reply get(String path, String accept) {
        return send(request(path).header("Accept", accept).build());
    }

    Reply post(String path, String body) {
        return send(request(path).post("application/json", body).build());
    }

    Reply put(String path, String body) {
        return send(request(path).put("application/json", body).build());
    }

    Reply patch(String path, String contentType, String body) {
        return send(request(path).method("PATCH", contentType, body).build());
    }

    Reply delete(String path) {
        return send(request(path).delete("application/json", "{}").build());
    }

    Reply delete(String path, String body) {
        return send(request(path).delete("application/json", body).build());
    }

    /** A watch read as chunked JSON lines. */
    WatchStream stream(String path) {
        return WatchStream.http(http, request(path).forStreaming().build());
    }

    /** A watch read as chunked JSON lines, asking for {@code accept} (a Table, ...). */
    WatchStream stream(String path, String accept) {
        return WatchStream.http(http, request(path).header("Accept", accept).forStreaming().build());
    }

    /** A watch read over a WebSocket, one event per message. */
    WatchStream websocket(String path) {
        return WatchStream.websocket(http, java.net.URI.create(base + path));
    }

    String url(String path) {
        return base + path;
    }

    private HttpRequest.Builder request(String path) {
        return http.newHttpRequestBuilder().uri(base + path).timeout(30, TimeUnit.SECONDS);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class).get(60, TimeUnit.SECONDS);
            return new Reply(response.code(), response.body() == null ? "" : response.body(), response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("request " + request.uri() + " failed", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
