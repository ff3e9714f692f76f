package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.secrets.external.SecretStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * HashiCorp Vault's KV version 2 secrets engine over its HTTP API, with token authentication:
 * {@code GET /v1/<mount>/data/<path>[?version=N]} for a secret's data (at a version),
 * {@code GET /v1/<mount>/metadata/<path>} for its metadata (versions, custom_metadata). The token
 * travels in {@code X-Vault-Token} and never appears in a message.
 */
final class VaultKv2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final SecretStore.Vault vault;
    private final String token;

    VaultKv2(SecretStore.Vault vault, String token) {
        this.vault = vault;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (!vault.caBundle().isEmpty()) {
            builder.sslContext(trusting(vault.caBundle()));
        }
        this.http = builder.build();
    }

    /** The secret's data (the {@code data.data} object) at {@code version}, or the current version when empty. */
    JsonNode read(String key, String version) {
        String query = version.isEmpty() ? "" : "?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
        JsonNode body = get("data", key, query);
        JsonNode data = body.path("data").path("data");
        if (data.isMissingNode() || data.isNull()) {
            JsonNode metadata = body.path("data").path("metadata");
            String state = metadata.path("destroyed").asBoolean() ? "destroyed" : "deleted";
            throw new VaultException("version " + metadata.path("version").asText(version.isEmpty() ? "current" : version) + " of "
                    + where("data", key) + " is " + state, "restore it in Vault, or pin remoteRef.version to a live version");
        }
        return data;
    }

    /** The secret's metadata: {@code current_version}, {@code versions}, {@code custom_metadata}. */
    JsonNode metadata(String key) {
        return get("metadata", key, "").path("data");
    }

    private JsonNode get(String endpoint, String key, String query) {
        URI uri = URI.create(stripSlash(vault.server()) + "/v1/" + encodePath(vault.path()) + "/" + endpoint + "/" + encodePath(key) + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("X-Vault-Token", token)
                .header("Accept", "application/json").GET();
        if (!vault.namespace().isEmpty()) {
            request.header("X-Vault-Namespace", vault.namespace());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new VaultException("Vault at " + vault.server() + " cannot be reached: " + e.getMessage(), "check spec.provider.vault.server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException("interrupted while reading " + where(endpoint, key), null);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new VaultException("Vault at " + vault.server() + " answered " + where(endpoint, key) + " with a body that is not JSON", null);
            }
        }
        String errors = errors(response.body());
        JsonNode deleted = deletedVersion(response.body());
        if (status == 404 && deleted != null) {
            throw new VaultException("version " + deleted.path("version").asText() + " of " + where(endpoint, key) + " is "
                    + (deleted.path("destroyed").asBoolean() ? "destroyed" : "deleted"),
                    "undelete it in Vault, or pin remoteRef.version to a live version");
        }
        if (status == 404) {
            throw new VaultException("Vault has no secret " + where(endpoint, key) + errors,
                    "check remoteRef.key and the store's spec.provider.vault.path (the KV mount)");
        }
        if (status == 403) {
            throw new VaultException("Vault refused to read " + where(endpoint, key) + errors,
                    "the token's policy must allow read on " + vault.path() + "/" + endpoint + "/" + key + ", and the token must be valid");
        }
        throw new VaultException("Vault answered " + status + " reading " + where(endpoint, key) + errors, null);
    }

    private String where(String endpoint, String key) {
        return vault.path() + "/" + endpoint + "/" + key;
    }

    /** The metadata of a deleted or destroyed version, which Vault sends with its 404; null otherwise. */
    private static JsonNode deletedVersion(String body) {
        try {
            JsonNode metadata = JSON.readTree(body).path("data").path("metadata");
            boolean gone = !metadata.path("deletion_time").asText("").isEmpty() || metadata.path("destroyed").asBoolean();
            return gone ? metadata : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Vault's own error texts ({@code {"errors": [...]}}), which carry no secret values. */
    private static String errors(String body) {
        try {
            List<String> texts = new ArrayList<>();
            JSON.readTree(body).path("errors").forEach(e -> texts.add(e.asText()));
            return texts.isEmpty() ? "" : ": " + String.join("; ", texts);
        } catch (IOException e) {
            return "";
        }
    }

    private static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return String.join("/", parts);
    }

    private static String stripSlash(String server) {
        return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    }

    private static SSLContext trusting(String caBundle) {
        try {
            String pem = new String(Base64.getDecoder().decode(caBundle), StandardCharsets.US_ASCII);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var certificate : Pem.certificates(pem)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new VaultException("spec.provider.vault.caBundle is not base64 of PEM certificates: " + e.getMessage(), null);
        }
    }

    /** A failure to read from Vault; the caller adds which ExternalSecret asked. */
    static final class VaultException extends RuntimeException {
        private final String hint;

        VaultException(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }
}
