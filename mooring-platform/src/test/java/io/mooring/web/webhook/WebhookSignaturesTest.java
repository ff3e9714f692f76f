package io.mooring.web.webhook;

import io.mooring.web.auth.Secrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Signature checks of the three hosts, GitHub's against the example of its documentation. */
class WebhookSignaturesTest {
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void githubsPublishedExampleVerifies() {
        // docs.github.com, "Validating webhook deliveries": secret, payload and the signature it gives.
        byte[] payload = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignatures.github(payload, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                "It's a Secret to Everybody")).as("GitHub's example").isTrue();
    }

    @Test
    void githubRefusesForgedMissingAndSha1Signatures() {
        String secret = "s3cret";
        String good = "sha256=" + Secrets.hex(Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), BODY));
        assertThat(WebhookSignatures.github(BODY, good, secret)).isTrue();
        assertThat(WebhookSignatures.github("{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8), good, secret))
                .as("another body under the same signature").isFalse();
        assertThat(WebhookSignatures.github(BODY, good, "other")).as("signed with another secret").isFalse();
        assertThat(WebhookSignatures.github(BODY, good.substring("sha256=".length()), secret)).as("no sha256= prefix").isFalse();
        assertThat(WebhookSignatures.github(BODY, "sha1=" + Secrets.hex(new byte[20]), secret)).as("SHA-1 is not accepted").isFalse();
        assertThat(WebhookSignatures.github(BODY, "sha256=zz", secret)).as("not hex").isFalse();
        assertThat(WebhookSignatures.github(BODY, null, secret)).isFalse();
        assertThat(WebhookSignatures.github(BODY, good, "")).as("no secret configured: nothing verifies").isFalse();
    }

    @Test
    void gitlabComparesItsTokenAndGiteaItsHexSignature() {
        assertThat(WebhookSignatures.gitlab("tok", "tok")).isTrue();
        assertThat(WebhookSignatures.gitlab("tok2", "tok")).isFalse();
        assertThat(WebhookSignatures.gitlab(null, "tok")).isFalse();
        assertThat(WebhookSignatures.gitlab("", "")).as("an empty secret verifies nothing").isFalse();
        String hex = Secrets.hex(Secrets.hmacSha256("g".getBytes(StandardCharsets.UTF_8), BODY));
        assertThat(WebhookSignatures.gitea(BODY, hex, "g")).isTrue();
        assertThat(WebhookSignatures.gitea(BODY, hex.toUpperCase(), "g")).as("hex case does not matter").isTrue();
        assertThat(WebhookSignatures.gitea(BODY, hex, "h")).isFalse();
    }
}
