package io.mooring.sync;

import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.KeyRingStore;
import io.mooring.secrets.SealingKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample platform's SealedSecret (examples/platform/apps/guestbook/overlays/dev) unseals in a
 * sandbox that imported the public demo key, as examples/platform/secrets/README.md tells.
 */
class ExampleSealedSecretTest {
    @TempDir
    Path temp;
    SyncFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theDevGuestbooksSealedSecretBecomesASecretWithTheDemoKey() throws IOException {
        f = new SyncFixture(temp);
        Path examples = SyncFixture.examples();
        f.copyExample("apps/guestbook");
        f.repo.commit("the sample guestbook");
        var demo = new YamlReader().readOne("demo-sealing-key.yaml", Files.readString(examples.resolve("secrets/demo-sealing-key.yaml")));
        assertThat(SealingKeys.isDemo(demo)).as("the committed key says it is the demo key").isTrue();
        new KeyRingStore(f.client, "mooring", Retrying.DEFAULT).importKey(SealingKeys.fromSecret(demo), true);
        f.client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("guestbook-dev")
                .endMetadata().build()).create();
        Application app = f.application("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: guestbook-dev, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/guestbook/overlays/dev}
                  destination: {namespace: guestbook-dev}
                """);

        // What matters here is the Secret, applied with the rest of its wave, not how soon the
        // sandbox's Deployment turns healthy: the sync does not wait long for it.
        SyncResult result = f.engine.sync(app, new SyncOptions(null, false, false, false, Duration.ofSeconds(1), e -> { }));

        assertThat(result.applied()).as(result.message()).extracting(k -> k.kind() + "/" + k.name()).contains("Secret/dev-guestbook-admin")
                .doesNotContain("SealedSecret/dev-guestbook-admin");
        var secret = f.client.secrets().inNamespace("guestbook-dev").withName("dev-guestbook-admin").get();
        assertThat(secret).as("the SealedSecret, renamed by the overlay, made its Secret").isNotNull();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("ADMIN_PASSWORD")), StandardCharsets.UTF_8))
                .isEqualTo("demo-password-not-secret");
    }
}
