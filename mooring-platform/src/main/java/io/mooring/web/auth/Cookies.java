package io.mooring.web.auth;

import io.javalin.http.Context;

/**
 * The server's cookies, always HttpOnly and SameSite=Lax, Secure unless the server is reached over
 * plain HTTP on a host other than this machine (browsers accept Secure cookies from http://127.0.0.1
 * and http://localhost, so a local run keeps the flag).
 */
public final class Cookies {
    public static final String SESSION = "mooring_session";
    public static final String BROWSER = "mooring_browser";

    private final boolean secure;

    public Cookies(boolean secure) {
        this.secure = secure;
    }

    /** @param maxAgeSeconds -1 for a cookie that ends with the browser, 0 to delete it */
    public void set(Context ctx, String name, String value, long maxAgeSeconds) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) {
            cookie.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (secure) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    public void delete(Context ctx, String name) {
        set(ctx, name, "", 0);
    }
}
