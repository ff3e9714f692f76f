package io.mooring.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the control plane as a browser or a script is one: it keeps its own cookies (the
 * JDK's cookie manager would drop Secure cookies over http://127.0.0.1, which browsers keep), never
 * follows redirects, and may carry an API token.
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** @param token an API token, or null */
    public Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A response, its body also as JSON when it is JSON. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        @Override
        public String toString() {
            return raw.request().method() + " " + raw.uri() + " -> " + status + ": " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || cookie.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response json(String method, String path, String json) {
        return json(method, path, json, Map.of());
    }

    public Response json(String method, String path, String json, Map<String, String> headers) {
        return send(method, path, json == null ? null : "application/json", json == null ? null : json.getBytes(), headers);
    }

    /** A form post, as a browser sends one. */
    public Response form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send("POST", path, "application/x-www-form-urlencoded", body.toString().getBytes(), Map.of());
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void dropCookie(String name) {
        cookies.remove(name);
    }

    /** The CSRF token of a page's form. */
    public static String csrfOf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF field in: " + html);
        }
        return matcher.group(1);
    }
}
