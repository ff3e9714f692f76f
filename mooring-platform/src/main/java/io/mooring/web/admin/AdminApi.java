package io.mooring.web.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mooring.config.GoDuration;
import io.mooring.web.ApiException;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.api.Json;
import io.mooring.web.auth.AccessControl;
import io.mooring.web.auth.AccessSettings;
import io.mooring.web.auth.Action;
import io.mooring.web.auth.ApiTokens;
import io.mooring.web.auth.Role;
import io.mooring.web.auth.Users;

import java.time.Clock;
import java.time.Instant;


/** For admins: local users ({@code /api/v1/users}), API tokens ({@code /api/v1/tokens}) and settings ({@code /api/v1/settings}). */
public final class AdminApi implements WebFeature {
    private final Users users;
    private final ApiTokens tokens;
    private final AccessSettings settings;
    private final Clock clock;

    public AdminApi(Users users, ApiTokens tokens, AccessSettings settings, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/users", Action.MANAGE_USERS, ctx -> Json.send(ctx, 200,
                Json.items(users.all().stream().map(AdminApi::user).toList())));
        routes.post("/api/v1/users", Action.MANAGE_USERS, this::createUser);
        routes.put("/api/v1/users/{name}", Action.MANAGE_USERS, ctx -> {
            Users.User user = users.setRole(ctx.pathParam("name"), role(Json.body(ctx)));
            ctx.attribute(AccessControl.AUDIT_DETAIL, "role " + user.role());
            Json.send(ctx, 200, user(user));
        });
        routes.delete("/api/v1/users/{name}", Action.MANAGE_USERS, ctx -> {
            users.delete(ctx.pathParam("name"));
            ctx.status(204);
        });
        routes.post("/api/v1/users/{name}/password", Action.MANAGE_USERS, ctx -> Json.send(ctx, 200,
                Json.object().put("password", users.resetPassword(ctx.pathParam("name"))).put("mustChangePassword", true)));
        routes.get("/api/v1/tokens", Action.MANAGE_TOKENS, ctx -> Json.send(ctx, 200,
                Json.items(tokens.all().stream().map(AdminApi::token).toList())));
        routes.post("/api/v1/tokens", Action.MANAGE_TOKENS, this::createToken);
        routes.delete("/api/v1/tokens/{id}", Action.MANAGE_TOKENS, ctx -> {
            tokens.delete(ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.get("/api/v1/settings", Action.MANAGE_SETTINGS, ctx -> Json.send(ctx, 200, settings.document()));
        routes.put("/api/v1/settings", Action.MANAGE_SETTINGS, ctx -> Json.send(ctx, 200, settings.replace(Json.body(ctx))));
    }

    private void createUser(Context ctx) {
        ObjectNode body = Json.body(ctx);
        String name = body.path("name").asText(null);
        Role role = role(body);
        String given = body.path("password").asText(null);
        String password = users.create(name, role, given);
        ctx.attribute(AccessControl.AUDIT_DETAIL, "user " + name + ", role " + role);
        ObjectNode answer = user(users.find(name).orElseThrow());
        if (given == null || given.isEmpty()) {
            answer.put("password", password); // generated: shown this once
        }
        Json.send(ctx, 201, answer);
    }

    private void createToken(Context ctx) {
        ObjectNode body = Json.body(ctx);
        Role role = role(body);
        Instant now = clock.instant();
        Instant expires = null;
        if (body.hasNonNull("expiresIn")) {
            try {
                expires = now.plus(GoDuration.parse(body.get("expiresIn").asText()));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("expiresIn '" + body.get("expiresIn").asText() + "' is no duration", "write it as Go does: 720h, 90m");
            }
        }
        ApiTokens.Created created = tokens.create(body.path("name").asText(null), role, expires, AccessControl.actor(ctx), now);
        ctx.attribute(AccessControl.AUDIT_DETAIL, "token " + created.info().id() + " (" + created.info().name() + "), role " + role);
        ObjectNode answer = token(created.info());
        answer.put("token", created.token()); // shown this once
        Json.send(ctx, 201, answer);
    }

    private static Role role(ObjectNode body) {
        try {
            return Role.parse(body.path("role").asText(null));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "send \"role\": \"viewer\", \"operator\" or \"admin\"");
        }
    }

    private static ObjectNode user(Users.User user) {
        return Json.object().put("name", user.name()).put("role", user.role().text()).put("mustChangePassword", user.mustChangePassword());
    }

    private static ObjectNode token(ApiTokens.Token token) {
        ObjectNode node = Json.object().put("id", token.id()).put("name", token.name()).put("role", token.role().text())
                .put("createdAt", token.created().toString()).put("createdBy", token.createdBy());
        if (token.expires() != null) {
            node.put("expiresAt", token.expires().toString());
        }
        return node;
    }
}
