package io.mooring.web.webhook;

import io.mooring.web.auth.Secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Whether a webhook delivery comes from the Git host, as each host signs it; every comparison
 * takes the same time wherever the values differ. Pure.
 */
public final class WebhookSignatures {
    private WebhookSignatures() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} (the SHA-1 header is not accepted). */
    public static boolean github(byte[] body, String header, String secret) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return hmacMatches(body, header.substring("sha256=".length()), secret);
    }

    /** GitLab: {@code X-Gitlab-Token} is the secret token itself. */
    public static boolean gitlab(String header, String secret) {
        return header != null && !secret.isEmpty() && Secrets.constantTimeEquals(header, secret);
    }

    /** Gitea (and Forgejo): {@code X-Gitea-Signature: <hex HMAC-SHA256 of the body>}. */
    public static boolean gitea(byte[] body, String header, String secret) {
        return header != null && hmacMatches(body, header, secret);
    }

    private static boolean hmacMatches(byte[] body, String hex, String secret) {
        if (secret.isEmpty()) {
            return false;
        }
        byte[] expected = Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }
}
