package io.mooring.web.auth;

/**
 * CSRF tokens bound to the browser: the token is an HMAC of the browser's random id (its own
 * cookie, set on the first visit, before any sign-in, so that the sign-in form is protected too).
 * A page from another site can send the cookies but cannot read the token, which every form and
 * every unsafe call made with cookies must carry ({@code _csrf} field or {@code X-CSRF-Token}
 * header). Calls with an API token carry no ambient credentials and need none.
 */
public final class Csrf {
    public static final String HEADER = "X-CSRF-Token";
    public static final String FIELD = "_csrf";
    private final byte[] key;

    public Csrf(byte[] key) {
        this.key = key.clone();
    }

    public String token(String browserId) {
        return Secrets.base64Url(Secrets.hmacSha256(key, "csrf\n" + browserId));
    }

    public boolean valid(String browserId, String token) {
        return browserId != null && token != null && Secrets.constantTimeEquals(token(browserId), token);
    }
}
