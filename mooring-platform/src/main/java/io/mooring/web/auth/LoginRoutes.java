package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mooring.web.ApiException;
import io.mooring.web.Redirect;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.page.Pages;

import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out with a local account, changing one's own password (pages and API), and
 * {@code GET /api/v1/session}: who is signed in and the CSRF token scripts send back.
 */
public final class LoginRoutes implements WebFeature {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Users users;
    private final AccessControl access;
    private final Pages pages;
    private final boolean oidc;

    public LoginRoutes(Users users, AccessControl access, Pages pages, boolean oidc) {
        this.users = users;
        this.access = access;
        this.pages = pages;
        this.oidc = oidc;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/login", Action.SIGN_IN, ctx -> loginPage(ctx, "", 200));
        routes.post("/login", Action.SIGN_IN, this::login);
        routes.post("/logout", Action.SIGN_IN, ctx -> {
            access.signOut(ctx);
            throw new Redirect("/login");
        });
        routes.get("/account/password", Action.CHANGE_OWN_PASSWORD, ctx -> passwordPage(ctx, "", 200));
        routes.post("/account/password", Action.CHANGE_OWN_PASSWORD, this::changePasswordForm);
        routes.get("/api/v1/session", Action.VIEW_SESSION, ctx -> ctx.json(session(ctx)));
        routes.delete("/api/v1/session", Action.SIGN_IN, ctx -> {
            access.signOut(ctx);
            ctx.status(204);
        });
        routes.post("/api/v1/session/password", Action.CHANGE_OWN_PASSWORD, this::changePasswordApi);
    }

    private void loginPage(Context ctx, String error, int status) {
        ctx.status(status);
        pages.render(ctx, "login.jte", "Sign in", Map.of("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next")
                : ctx.formParam("next")), "error", error, "oidc", oidc));
    }

    private void login(Context ctx) {
        String name = ctx.formParam("username");
        ctx.attribute(AccessControl.AUDIT_ACTOR, "local:" + (name == null ? "" : name));
        Optional<Users.User> user = users.authenticate(name, ctx.formParam("password"));
        if (user.isEmpty()) {
            loginPage(ctx, "Wrong user or password.", 401);
            return;
        }
        Users.User signedIn = user.get();
        access.signIn(ctx, new Principal(signedIn.name(), Principal.Kind.LOCAL, signedIn.role(), signedIn.mustChangePassword()), signedIn.epoch());
        throw new Redirect(signedIn.mustChangePassword() ? "/account/password" : safeNext(ctx.formParam("next")));
    }

    private void passwordPage(Context ctx, String error, int status) {
        local(ctx);
        ctx.status(status);
        pages.render(ctx, "password.jte", "Change your password", Map.of("error", error, "required",
                AccessControl.principal(ctx).mustChangePassword()));
    }

    private void changePasswordForm(Context ctx) {
        Principal principal = local(ctx);
        try {
            change(ctx, principal, ctx.formParam("current"), ctx.formParam("password"));
        } catch (ApiException e) {
            passwordPage(ctx, e.getMessage() + (e.hint() == null ? "" : ": " + e.hint()), e.status());
            return;
        }
        throw new Redirect("/");
    }

    private void changePasswordApi(Context ctx) throws Exception {
        Principal principal = local(ctx);
        JsonNode body = JSON.readTree(ctx.body());
        change(ctx, principal, body.path("current").asText(null), body.path("password").asText(null));
        ctx.json(session(ctx));
    }

    private void change(Context ctx, Principal principal, String current, String replacement) {
        if (current == null || replacement == null) {
            throw ApiException.badRequest("both the current and the new password are needed", "send {\"current\": ..., \"password\": ...}");
        }
        Users.User user = users.changePassword(principal.name(), current, replacement);
        // The change ends every session of the user (the epoch rose); this one goes on with a new cookie.
        if (principal.kind() == Principal.Kind.LOCAL) {
            access.signIn(ctx, new Principal(user.name(), Principal.Kind.LOCAL, user.role(), false), user.epoch());
        }
    }

    private static Principal local(Context ctx) {
        Principal principal = AccessControl.principal(ctx);
        if (principal.kind() != Principal.Kind.LOCAL) {
            throw new ApiException(409, principal.id() + " has no local password", principal.kind() == Principal.Kind.OIDC
                    ? "change it at your identity provider" : "API tokens have no password; an admin can issue a new token");
        }
        return principal;
    }

    private static ObjectNode session(Context ctx) {
        Principal principal = AccessControl.principal(ctx);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("user", principal.name()).put("kind", principal.kind().text()).put("role", principal.role().text())
                .put("mustChangePassword", principal.mustChangePassword()).put("csrfToken", AccessControl.csrfToken(ctx));
        return body;
    }

    /** Where to go after signing in: a path on this server only, never another site. Pure. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.contains("\n") || next.contains("\r")) {
            return "/";
        }
        return next;
    }
}
