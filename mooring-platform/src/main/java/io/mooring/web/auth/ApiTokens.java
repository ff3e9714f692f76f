package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.web.ApiException;
import io.mooring.web.store.ClusterState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API tokens for CI and scripts, in the Secret {@code mooring-api-tokens}: a token is
 * {@code mooring_<id>_<secret>}; the Secret keeps its SHA-256 (a 256-bit random secret needs no
 * slow hash), its name, role, creator and expiry. The token itself is shown once, when created.
 */
public final class ApiTokens {
    public static final String SECRET = "mooring-api-tokens";
    private static final Pattern FORMAT = Pattern.compile("mooring_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param expires null: never */
    public record Token(String id, String name, Role role, String hash, Instant created, String createdBy, Instant expires) {
    }

    /** A token just made: its text (shown once) and what is stored. */
    public record Created(String token, Token info) {
    }

    private final ClusterState state;

    public ApiTokens(ClusterState state) {
        this.state = state;
    }

    public Created create(String name, Role role, Instant expires, String createdBy, Instant now) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid token name '" + name + "'", "letters, digits, spaces, '.', '_' or '-', at most 63 characters");
        }
        String id = Secrets.hex(Secrets.randomBytes(6));
        String token = "mooring_" + id + "_" + Secrets.randomToken(32);
        Token info = new Token(id, name, role, Secrets.hex(Secrets.sha256(token)), now, createdBy, expires);
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            data.put(id, write(info));
            return data;
        });
        return new Created(token, info);
    }

    /** The token's record when {@code token} is a valid, unexpired token. */
    public Optional<Token> authenticate(String token, Instant now) {
        Matcher matcher = token == null ? null : FORMAT.matcher(token.trim());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        String stored = state.read(ClusterState.Kind.SECRET, SECRET).get(matcher.group(1));
        if (stored == null) {
            return Optional.empty();
        }
        Token info = read(stored);
        boolean matches = Secrets.constantTimeEquals(info.hash(), Secrets.hex(Secrets.sha256(token.trim())));
        return matches && (info.expires() == null || info.expires().isAfter(now)) ? Optional.of(info) : Optional.empty();
    }

    public List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        state.read(ClusterState.Kind.SECRET, SECRET).values().forEach(v -> tokens.add(read(v)));
        tokens.sort(Comparator.comparing(Token::created));
        return tokens;
    }

    public void delete(String id) {
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            if (data.remove(id) == null) {
                throw ApiException.notFound("no API token " + id, "see GET /api/v1/tokens");
            }
            return data;
        });
    }

    private static String write(Token token) {
        ObjectNode node = JSON.createObjectNode().put("id", token.id()).put("name", token.name()).put("role", token.role().text())
                .put("hash", token.hash()).put("created", token.created().toString()).put("createdBy", token.createdBy());
        if (token.expires() != null) {
            node.put("expires", token.expires().toString());
        }
        return node.toString();
    }

    private static Token read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return new Token(node.path("id").asText(), node.path("name").asText(), Role.parse(node.path("role").asText()),
                    node.path("hash").asText(), Instant.parse(node.path("created").asText()), node.path("createdBy").asText(),
                    node.hasNonNull("expires") ? Instant.parse(node.path("expires").asText()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("a token in Secret " + SECRET + " cannot be read", e);
        }
    }
}
