package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.Http;
import io.mooring.web.WebFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local account as a browser uses it: cookies and their flags, CSRF on every form and every
 * unsafe call made with the cookie, the forced change of a generated password, sessions that end
 * when an admin resets the password, and each step in the audit log.
 */
@ExtendWith(WebFixture.Extension.class)
class SignInTest {
    @Test
    void aGeneratedPasswordMustBeChangedThenTheSessionWorksWithCsrfAndEndsWhenReset(WebFixture fixture) {
        JsonNode created = fixture.as(Role.ADMIN).json("POST", "/api/v1/users", "{\"name\": \"dora\", \"role\": \"operator\"}").json();
        String generated = created.path("password").asText();
        assertThat(generated).as("generated and shown once: " + created).hasSizeGreaterThanOrEqualTo(20);
        assertThat(created.path("mustChangePassword").asBoolean()).isTrue();
        assertThat(fixture.as(Role.ADMIN).get("/api/v1/users").body()).as("no hash or password in the list").doesNotContain(generated, "pbkdf2");

        Http browser = fixture.browser();
        Http.Response home = browser.get("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).isEqualTo("/login?next=%2F");
        assertThat(home.headers("Set-Cookie")).as("the browser cookie, at the first visit").anySatisfy(c -> assertThat(c)
                .startsWith(Cookies.BROWSER + "=").contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/"));
        Http.Response page = browser.get("/login?next=%2Fapi%2Fv1%2Fapplications");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with your organisation").contains("name=\"password\"");
        String csrf = Http.csrfOf(page.body());

        Http.Response noToken = browser.form("/login", Map.of("username", "dora", "password", generated));
        assertThat(noToken.status()).as("a form without the CSRF token").isEqualTo(403);
        Http.Response wrong = browser.form("/login", Map.of("_csrf", csrf, "username", "dora", "password", "not-her-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user or password.");
        Http.Response signedIn = browser.form("/login", Map.of("_csrf", csrf, "username", "dora", "password", generated,
                "next", "/api/v1/applications"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).as("first the password").isEqualTo("/account/password");
        assertThat(signedIn.headers("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith(Cookies.SESSION + "=")
                .contains("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=28800"));

        Http.Response blocked = browser.get("/api/v1/applications");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().path("error").path("hint").asText()).contains("/account/password");
        assertThat(browser.get("/").header("Location")).isEqualTo("/account/password");

        String newPassword = "dora's own long password";
        Http.Response changeWithoutCsrf = browser.json("POST", "/api/v1/session/password",
                "{\"current\": \"" + generated + "\", \"password\": \"" + newPassword + "\"}");
        assertThat(changeWithoutCsrf.status()).as("an unsafe call with the cookie and no CSRF header").isEqualTo(403);
        JsonNode session = browser.json("POST", "/api/v1/session/password", "{\"current\": \"" + generated + "\", \"password\": \"" + newPassword + "\"}",
                Map.of(Csrf.HEADER, csrf)).json();
        assertThat(session.path("mustChangePassword").asBoolean()).as(session.toString()).isFalse();
        assertThat(session.path("role").asText()).isEqualTo("operator");
        assertThat(browser.get("/api/v1/applications").status()).isEqualTo(200);
        assertThat(browser.get("/").body()).contains("Signed in as local:dora");

        assertThat(browser.json("POST", "/api/v1/applications/mooring/web/refresh", null).status()).as("no CSRF header").isEqualTo(403);
        assertThat(browser.json("POST", "/api/v1/applications/mooring/web/refresh", null, Map.of(Csrf.HEADER, csrf)).status()).isEqualTo(202);
        assertThat(browser.json("POST", "/api/v1/applications/mooring/web/refresh", null, Map.of(Csrf.HEADER, "forged")).status()).isEqualTo(403);
        assertThat(browser.get("/api/v1/users").status()).as("an operator is no admin").isEqualTo(403);

        JsonNode reset = fixture.as(Role.ADMIN).json("POST", "/api/v1/users/dora/password", null).json();
        assertThat(reset.path("mustChangePassword").asBoolean()).isTrue();
        assertThat(browser.get("/api/v1/applications").status()).as("a reset ends the sessions").isEqualTo(401);

        JsonNode audit = fixture.as(Role.ADMIN).get("/api/v1/audit?actor=local:dora").json().path("items");
        assertThat(audit.findValuesAsText("action")).contains("SIGN_IN", "CHANGE_OWN_PASSWORD", "REFRESH");
        assertThat(audit.findValuesAsText("result")).contains("failure", "success", "denied");
        assertThat(audit.toString()).doesNotContain(generated, newPassword);
        assertThat(fixture.as(Role.ADMIN).json("DELETE", "/api/v1/users/dora", null).status()).isEqualTo(204);
    }

    @Test
    void signingOutEndsTheSession(WebFixture fixture) {
        fixture.as(Role.ADMIN).json("POST", "/api/v1/users", "{\"name\": \"erin\", \"role\": \"viewer\", \"password\": \"erin's long password\"}");
        Http browser = fixture.browser();
        String csrf = Http.csrfOf(browser.get("/login").body());
        assertThat(browser.form("/login", Map.of("_csrf", csrf, "username", "erin", "password", "erin's long password")).header("Location"))
                .isEqualTo("/");
        assertThat(browser.get("/api/v1/session").json().path("user").asText()).isEqualTo("erin");
        assertThat(browser.form("/logout", Map.of("_csrf", csrf)).header("Location")).isEqualTo("/login");
        assertThat(browser.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void aBadApiTokenIsRefusedWithWhatToDo(WebFixture fixture) {
        Http.Response response = new Http(fixture.url(), "mooring_000000000000_" + "x".repeat(43)).get("/api/v1/applications");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").path("hint").asText()).contains("POST /api/v1/tokens");
    }
}
