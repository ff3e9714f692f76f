package io.mooring.web.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Password hashes, session cookies, CSRF tokens and group mapping: the pure parts of sign-in. */
class SecretsAndSessionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void passwordsAreStoredAsSaltedPbkdf2WithTheirIterations() {
        PasswordHashing hashing = new PasswordHashing(1000);
        String stored = hashing.hash("correct horse battery");
        assertThat(stored).as("scheme, iterations, salt, hash").matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(stored).doesNotContain("correct horse");
        assertThat(hashing.verify("correct horse battery", stored)).isTrue();
        assertThat(hashing.verify("correct horse batterx", stored)).isFalse();
        assertThat(hashing.hash("correct horse battery")).as("a new salt each time").isNotEqualTo(stored);
        assertThat(new PasswordHashing(5000).verify("correct horse battery", stored)).as("old hashes verify after the iterations rise").isTrue();
        assertThat(hashing.verify("x", "plain")).as("a stored value of another form").isFalse();
    }

    @Test
    void theDefaultFollowsOwaspForPbkdf2Sha256() {
        assertThat(PasswordHashing.DEFAULT.hash("a password here")).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void aSessionCookieRoundTripsAndIsRefusedWhenTamperedExpiredOrSignedWithAnotherKey() {
        SessionCodec codec = new SessionCodec("k".repeat(32).getBytes());
        Session session = new Session("alice", Principal.Kind.OIDC, Role.OPERATOR, 3, NOW.plusSeconds(3600));
        String cookie = codec.encode(session);

        assertThat(codec.decode(cookie, NOW)).contains(session);
        assertThat(codec.decode(cookie, NOW.plusSeconds(3601))).as("expired").isEmpty();
        assertThat(new SessionCodec("x".repeat(32).getBytes()).decode(cookie, NOW)).as("another key").isEmpty();
        String admin = codec.encode(new Session("alice", Principal.Kind.OIDC, Role.ADMIN, 3, NOW.plusSeconds(3600)));
        String forged = admin.substring(0, admin.indexOf('.')) + cookie.substring(cookie.indexOf('.'));
        assertThat(codec.decode(forged, NOW)).as("a payload with another's signature").isEmpty();
        assertThat(codec.decode("garbage", NOW)).isEmpty();
        assertThat(codec.decode(null, NOW)).isEmpty();
    }

    @Test
    void csrfTokensAreBoundToTheBrowser() {
        Csrf csrf = new Csrf("c".repeat(32).getBytes());
        String token = csrf.token("browser-one");
        assertThat(csrf.valid("browser-one", token)).isTrue();
        assertThat(csrf.valid("browser-two", token)).isFalse();
        assertThat(csrf.valid("browser-one", null)).isFalse();
        assertThat(csrf.valid(null, token)).isFalse();
    }

    @Test
    void theHighestRoleOfTheUsersMappedGroupsWins() {
        Map<String, Role> mapping = Map.of("devs", Role.OPERATOR, "platform", Role.ADMIN, "all", Role.VIEWER);
        assertThat(GroupRoles.roleFor(List.of("all", "devs"), mapping)).contains(Role.OPERATOR);
        assertThat(GroupRoles.roleFor(List.of("platform", "all"), mapping)).contains(Role.ADMIN);
        assertThat(GroupRoles.roleFor(List.of("sales"), mapping)).isEmpty();
    }

    @Test
    void afterSignInOnlyPathsOfThisServerAreFollowed() {
        assertThat(LoginRoutes.safeNext("/api/v1/applications?x=1")).isEqualTo("/api/v1/applications?x=1");
        assertThat(LoginRoutes.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(LoginRoutes.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(LoginRoutes.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(LoginRoutes.safeNext(null)).isEqualTo("/");
    }

    @Test
    void generatedPasswordsAvoidLookAlikesAndComparisonsIgnoreTiming() {
        assertThat(Secrets.randomPassword(200)).hasSize(200).doesNotContain("l", "1", "O", "0", "I");
        assertThat(Secrets.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(Secrets.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(Secrets.constantTimeEquals("abc", null)).isFalse();
    }
}
