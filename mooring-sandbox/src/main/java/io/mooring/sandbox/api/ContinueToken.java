package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.sandbox.store.ApiException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a paged list goes on: the revision of its first page (later pages are read as of it) and
 * the key after which the next page starts. Encoded like kube-apiserver's tokens (base64 of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}}); clients treat them as opaque.
 *
 * @param revision the revision to read at; -1 reads the current state (a client going on past an expired token)
 */
record ContinueToken(long revision, String afterKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        String json = JSON.createObjectNode().put("v", "meta.k8s.io/v1").put("rv", revision).put("start", afterKey + "\u0000").toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(token));
            String start = json.path("start").asText("");
            if (!json.path("v").asText().equals("meta.k8s.io/v1") || !json.path("rv").canConvertToLong() || !start.endsWith("\u0000")) {
                throw invalid("not a continue token of this server");
            }
            return new ContinueToken(json.path("rv").asLong(), start.substring(0, start.length() - 1));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ApiException invalid(String why) {
        return ApiException.badRequest("continue key is not valid: " + why);
    }
}
