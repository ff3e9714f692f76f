package io.mooring.web.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mooring.web.ApiException;
import io.mooring.web.Redirect;
import io.mooring.web.audit.AuditEntry;
import io.mooring.web.audit.AuditLog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one access layer every route goes through. Before a route: who calls (an API token in
 * {@code Authorization: Bearer}, else the session cookie), whether their role allows the route's
 * {@link Action} ({@link Permissions}), and, for unsafe methods sent with cookies, the CSRF token.
 * After a route with an unsafe method: an audit entry. Pages that need a sign-in redirect to
 * {@code /login}; API calls get a JSON error that says what to do.
 *
 * <p>For handlers and templates: {@link #principal(Context)} and {@link #csrfToken(Context)}.
 */
public final class AccessControl {
    private static final String PRINCIPAL = "mooring.principal";
    private static final String BROWSER_ID = "mooring.browser";
    private static final String CSRF = "mooring.csrf";
    private static final String AUDITED = "mooring.audited";
    /** Handlers may set it: what the audit entry should add (a user created, an operation id). Never a secret. */
    public static final String AUDIT_DETAIL = "mooring.audit.detail";
    /** Handlers of sign-in set it: the user name tried, for the audit entry of a request that had no principal yet. */
    public static final String AUDIT_ACTOR = "mooring.audit.actor";

    private final Users users;
    private final ApiTokens tokens;
    private final SessionCodec sessions;
    private final Csrf csrf;
    private final Cookies cookies;
    private final AuditLog audit;
    private final Duration sessionLifetime;
    private final Clock clock;

    public AccessControl(Users users, ApiTokens tokens, ServerKeys keys, Cookies cookies, AuditLog audit, Duration sessionLifetime, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = new SessionCodec(keys.derive("session"));
        this.csrf = new Csrf(keys.derive("csrf"));
        this.cookies = cookies;
        this.audit = audit;
        this.sessionLifetime = sessionLifetime;
        this.clock = clock;
    }

    public void install(RoutesConfig routes) {
        routes.before(this::identify);
        routes.beforeMatched(this::authorize);
        routes.afterMatched(this::audit);
    }

    /** Who makes the request; null when nobody signed in. */
    public static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /** The CSRF token that forms ({@code _csrf}) and scripts ({@code X-CSRF-Token}) of this browser send back. */
    public static String csrfToken(Context ctx) {
        return ctx.attribute(CSRF);
    }

    /** Starts a session for {@code principal} (after a password or OIDC sign-in). */
    public void signIn(Context ctx, Principal principal, long epoch) {
        Instant expires = clock.instant().plus(sessionLifetime);
        cookies.set(ctx, Cookies.SESSION, sessions.encode(new Session(principal.name(), principal.kind(), principal.role(), epoch, expires)),
                sessionLifetime.toSeconds());
        ctx.attribute(PRINCIPAL, principal);
    }

    public void signOut(Context ctx) {
        cookies.delete(ctx, Cookies.SESSION);
    }

    private void identify(Context ctx) {
        String browser = ctx.cookie(Cookies.BROWSER);
        if (browser == null || browser.length() < 20) {
            browser = Secrets.randomToken(24);
            cookies.set(ctx, Cookies.BROWSER, browser, Duration.ofDays(365).toSeconds());
        }
        ctx.attribute(BROWSER_ID, browser);
        ctx.attribute(CSRF, csrf.token(browser));
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ApiTokens.Token token = tokens.authenticate(authorization.substring(7), clock.instant()).orElseThrow(() -> new ApiException(401,
                    "the API token is not valid (unknown, revoked or expired)", "ask an admin for a new token (POST /api/v1/tokens)"));
            ctx.attribute(PRINCIPAL, new Principal(token.name(), Principal.Kind.TOKEN, token.role(), false));
            return;
        }
        fromSession(ctx.cookie(Cookies.SESSION)).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
    }

    private Optional<Principal> fromSession(String cookie) {
        return sessions.decode(cookie, clock.instant()).flatMap(session -> switch (session.kind()) {
            // A local account's role and password state are read now: a change by an admin applies at once.
            case LOCAL -> users.find(session.user()).filter(u -> u.epoch() == session.epoch())
                    .map(u -> new Principal(u.name(), Principal.Kind.LOCAL, u.role(), u.mustChangePassword()));
            case OIDC -> Optional.of(new Principal(session.user(), Principal.Kind.OIDC, session.role(), false));
            case TOKEN -> Optional.empty();
        });
    }

    private void authorize(Context ctx) {
        Action action = action(ctx);
        Principal principal = principal(ctx);
        switch (Permissions.decide(principal, action)) {
            case ALLOW -> { }
            case SIGN_IN_REQUIRED -> {
                if (isPage(ctx) && ctx.method() == HandlerType.GET) {
                    throw new Redirect("/login?next=" + URLEncoder.encode(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()),
                            StandardCharsets.UTF_8));
                }
                throw new ApiException(401, "sign in first", "send an API token as 'Authorization: Bearer <token>', or sign in at /login");
            }
            case PASSWORD_CHANGE_REQUIRED -> {
                if (isPage(ctx) && ctx.method() == HandlerType.GET) {
                    throw new Redirect("/account/password");
                }
                throw new ApiException(403, "the password of " + principal.name() + " was generated and must be changed first",
                        "change it at /account/password or with POST /api/v1/session/password");
            }
            case FORBIDDEN -> {
                deny(ctx, action, principal.role() + " may not " + describe(action));
                throw new ApiException(403, principal.id() + " (" + principal.role() + ") may not " + describe(action),
                        "ask an admin for the " + action.minimum() + " role");
            }
        }
        if (unsafe(ctx.method()) && action != Action.WEBHOOK && (principal == null || principal.kind() != Principal.Kind.TOKEN)) {
            String token = ctx.header(Csrf.HEADER);
            if (token == null && isForm(ctx)) {
                token = ctx.formParam(Csrf.FIELD);
            }
            if (!csrf.valid(ctx.attribute(BROWSER_ID), token)) {
                deny(ctx, action, "missing or wrong CSRF token");
                throw new ApiException(403, "the request has no valid CSRF token",
                        "send the token of GET /api/v1/session as header " + Csrf.HEADER + " (forms: field " + Csrf.FIELD
                                + "), or use an API token; reload the page if it was open for long");
            }
        }
    }

    private void audit(Context ctx) {
        Action action = action(ctx);
        if (!unsafe(ctx.method()) || action == Action.WEBHOOK || Boolean.TRUE.equals(ctx.attribute(AUDITED))) {
            return;
        }
        int status = ctx.status().getCode();
        String result = status < 400 ? (status == 202 ? "accepted" : "success") : "failure";
        String detail = ctx.attribute(AUDIT_DETAIL);
        record(ctx, action, result, (status >= 400 ? "HTTP " + status : "") + (detail == null ? "" : (status >= 400 ? "; " : "") + detail));
    }

    private void deny(Context ctx, Action action, String reason) {
        if (unsafe(ctx.method())) {
            record(ctx, action, "denied", reason);
        }
    }

    /** Records an audit entry for this request now (an action that is not an unsafe request, such as an OIDC sign-in). */
    public void record(Context ctx, Action action, String result, String detail) {
        ctx.attribute(AUDITED, true);
        audit.record(new AuditEntry(clock.instant(), actor(ctx), action.name(), ctx.method() + " " + ctx.path(), ctx.ip(), result, detail));
    }

    /** The browser's random id (its own cookie): what CSRF tokens and OIDC sign-ins are bound to. */
    static String browserId(Context ctx) {
        return ctx.attribute(BROWSER_ID);
    }

    /** Who the audit log names for this request. */
    public static String actor(Context ctx) {
        Principal principal = principal(ctx);
        String tried = ctx.attribute(AUDIT_ACTOR);
        return principal != null ? principal.id() : tried != null ? tried : "anonymous";
    }

    private static Action action(Context ctx) {
        return ctx.routeRoles().stream().filter(Action.class::isInstance).map(Action.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("route " + ctx.method() + " " + ctx.path() + " was registered without an Action"));
    }

    private static String describe(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static boolean unsafe(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** A page (HTML for browsers) rather than the API. */
    public static boolean isPage(Context ctx) {
        return !ctx.path().startsWith("/api/");
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}
