package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Session cookies: the session as base64url JSON, a dot, and its HMAC-SHA256 under the server's
 * key. A cookie whose signature does not match, that cannot be read, or that expired is no session.
 * Pure: the key and the time are given.
 */
public final class SessionCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] key;

    public SessionCodec(byte[] key) {
        this.key = key.clone();
    }

    public String encode(Session session) {
        ObjectNode node = JSON.createObjectNode()
                .put("u", session.user()).put("k", session.kind().name()).put("r", session.role().name())
                .put("e", session.epoch()).put("x", session.expires().getEpochSecond());
        String payload = Secrets.base64Url(node.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + Secrets.base64Url(Secrets.hmacSha256(key, payload));
    }

    public Optional<Session> decode(String cookie, Instant now) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0 || !Secrets.constantTimeEquals(cookie.substring(dot + 1), Secrets.base64Url(Secrets.hmacSha256(key, cookie.substring(0, dot))))) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cookie.substring(0, dot)));
            Session session = new Session(node.path("u").asText(), Principal.Kind.valueOf(node.path("k").asText()),
                    Role.valueOf(node.path("r").asText()), node.path("e").asLong(), Instant.ofEpochSecond(node.path("x").asLong()));
            return session.expires().isAfter(now) ? Optional.of(session) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
