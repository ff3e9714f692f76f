package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.Http;
import io.mooring.web.Routes;
import io.mooring.web.WebFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that needs a role, called by nobody, a viewer, an operator and an admin, over HTTP:
 * nobody gets 401, a role below the route's gets 403, a role that suffices gets past the access
 * layer (whatever the handler then answers). Refusals of changes land in the audit log.
 */
@ExtendWith(WebFixture.Extension.class)
class RoleMatrixTest {
    @Test
    void everyRoleAgainstEveryRoute(WebFixture fixture) {
        String settings = fixture.as(Role.ADMIN).get("/api/v1/settings").body();
        List<String> cells = new ArrayList<>();
        int checked = 0;
        for (Routes.Route route : fixture.web.server().routes()) {
            Role least = route.action().minimum();
            if (least == null) {
                continue;
            }
            String path = route.path().replace("{namespace}", "mooring").replace("{name}", route.path().contains("/users/")
                    ? "nobody-here" : "batch").replace("{id}", "000000000000");
            String body = switch (route.path()) {
                case "/api/v1/users" -> "{\"name\": \"matrix-user\", \"role\": \"viewer\", \"password\": \"a-long-enough-password\"}";
                case "/api/v1/tokens" -> "{\"name\": \"matrix\", \"role\": \"viewer\", \"expiresIn\": \"1h\"}";
                case "/api/v1/settings" -> settings;
                case "/api/v1/users/{name}" -> "{\"role\": \"viewer\"}";
                case "/api/v1/applications/{namespace}/{name}/rollback" -> "{\"id\": 999}";
                default -> route.method().name().equals("GET") || route.method().name().equals("DELETE") ? null : "{}";
            };
            Http.Response anonymous = fixture.browser().json(route.method().name(), path, body);
            cells.add(cell(route, "nobody", anonymous.status(), anonymous.status() == 401 || isSignInRedirect(anonymous)));
            for (Role role : Role.values()) {
                Http.Response response = fixture.as(role).json(route.method().name(), path, body);
                boolean allowed = role.includes(least);
                boolean ok = allowed ? response.status() != 401 && response.status() != 403 : response.status() == 403;
                cells.add(cell(route, role.text(), response.status(), ok) + (ok ? "" : " " + response.body()));
                if (!allowed) {
                    // The API answers JSON, a page the error page: both say what to do.
                    String hint = route.path().startsWith("/api/") ? response.json().path("error").path("hint").asText() : response.body();
                    assertThat(hint).as("a refusal says what to do: " + response).contains("ask an admin for the " + least + " role");
                }
                checked++;
            }
        }
        assertThat(cells).as("route, caller, status, as expected?").allMatch(c -> c.contains(" ok"));
        assertThat(checked).as("every role-protected route was called by each role").isGreaterThanOrEqualTo(20 * 3);
        JsonNode denied = fixture.as(Role.ADMIN).get("/api/v1/audit?actor=token:test-viewer&action=SYNC").json().path("items");
        assertThat(denied.findValuesAsText("result")).as("a viewer's refused sync is audited").contains("denied");
        assertThat(denied.get(0).path("source").asText()).as("from where").isNotEmpty();
        assertThat(Map.of("users", fixture.as(Role.ADMIN).get("/api/v1/users").json().path("items").findValuesAsText("name")))
                .extractingByKey("users").asList().contains("matrix-user");
    }

    private static boolean isSignInRedirect(Http.Response response) {
        return response.status() == 302 && response.header("Location").startsWith("/login");
    }

    private static String cell(Routes.Route route, String caller, int status, boolean ok) {
        return route.method() + " " + route.path() + " by " + caller + ": " + status + (ok ? " ok" : " UNEXPECTED");
    }
}
