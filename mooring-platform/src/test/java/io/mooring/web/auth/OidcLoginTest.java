package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import io.mooring.web.Http;
import io.mooring.web.WebFixture;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC sign-in against a real provider implementation (mock-oauth2-server, started by the
 * fixture): the authorization code flow with PKCE, the ID token checked, groups mapped to roles.
 */
@ExtendWith(WebFixture.Extension.class)
class OidcLoginTest {
    static WebFixture fixture;

    @BeforeAll
    static void mapGroups(WebFixture web) {
        fixture = web;
        Http.Response put = fixture.as(Role.ADMIN).json("PUT", "/api/v1/settings",
                "{\"oidcGroupRoles\": {\"platform\": \"admin\", \"developers\": \"operator\"}}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    /** Runs the flow in {@code browser} as {@code user} with {@code groups}; returns the callback's answer. */
    private static Http.Response signIn(Http browser, String user, List<String> groups) {
        browser.get("/login");
        Http.Response start = browser.get("/auth/oidc/login?next=%2Fapi%2Fv1%2Fsession");
        assertThat(start.status()).as(start.toString()).isEqualTo(302);
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.getQuery()).as("PKCE, state and nonce")
                .contains("code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "client_id=mooring", "response_type=code");
        fixture.oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", user + "-subject", JOSEObjectType.JWT.getType(), List.of("mooring"),
                Map.of("preferred_username", user, "groups", groups), 3600));
        Http.Response provider = browser.get(authorize.toString());
        assertThat(provider.status()).as("the provider sends the browser back: " + provider).isEqualTo(302);
        return browser.get(provider.header("Location"));
    }

    @Test
    void aDeveloperSignsInAsOperator() {
        Http browser = fixture.browser();
        Http.Response callback = signIn(browser, "alice", List.of("developers", "everyone"));
        assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
        assertThat(callback.header("Location")).isEqualTo("/api/v1/session");
        JsonNode session = browser.get("/api/v1/session").json();
        assertThat(session.path("user").asText()).isEqualTo("alice");
        assertThat(session.path("kind").asText()).isEqualTo("oidc");
        assertThat(session.path("role").asText()).isEqualTo("operator");
        assertThat(browser.get("/api/v1/users").status()).isEqualTo(403);
        List<String> results = fixture.as(Role.ADMIN).get("/api/v1/audit?actor=oidc:alice").json().path("items").findValuesAsText("detail");
        assertThat(results).anySatisfy(d -> assertThat(d).contains("role operator"));
    }

    @Test
    void aUserWhoseGroupsHaveNoRoleIsRefused() {
        Http browser = fixture.browser();
        Http.Response callback = signIn(browser, "mallory", List.of("sales"));
        assertThat(callback.status()).isEqualTo(403);
        assertThat(callback.body()).contains("mallory has no role in Mooring");
        assertThat(browser.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        Http first = fixture.browser();
        first.get("/login");
        URI authorize = URI.create(first.get("/auth/oidc/login").header("Location"));
        fixture.oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "bob", JOSEObjectType.JWT.getType(), List.of("mooring"),
                Map.of("groups", List.of("platform")), 3600));
        String callback = first.get(authorize.toString()).header("Location");
        Http other = fixture.browser();
        other.get("/login");
        Http.Response stolen = other.get(callback);
        assertThat(stolen.status()).as("a code carried to another browser").isEqualTo(400);
        assertThat(stolen.body()).contains("started in another browser");
    }
}
