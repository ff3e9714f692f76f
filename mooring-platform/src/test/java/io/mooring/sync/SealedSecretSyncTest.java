package io.mooring.sync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.app.ApplicationStatus;
import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.git.GitRepositories;
import io.mooring.plan.SyncPlan;
import io.mooring.plan.Tracking;
import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.KeyRingStore;
import io.mooring.secrets.SealingKey;
import io.mooring.secrets.SealingScope;
import io.mooring.secrets.Sealer;
import io.mooring.secrets.SecretResolver;
import io.mooring.secrets.SecretsSettings;
import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SealedSecrets in Git become Secrets in the sandbox cluster, unsealed by Mooring with the key ring the cluster holds. */
class SealedSecretSyncTest {
    private static final String APP = """
            apiVersion: mooring.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: mooring}
            spec:
              source: {repoURL: '%s', targetRevision: main, path: apps/shop}
              destination: {namespace: shop}
              syncPolicy: {automated: {prune: true}}
            """;

    @TempDir
    Path temp;
    SyncFixture f;
    SyncEngine engine;
    KeyRingStore keys;
    Application app;
    /** A value no other test or process writes: found anywhere, it leaked. */
    final String password = "pw-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        f = new SyncFixture(temp);
        keys = new KeyRingStore(f.client, "mooring", Retrying.DEFAULT);
        keys.importKey(TestKeys.key(1), false);
        engine = new SyncEngine(new Renderings(new GitRepositories(temp.resolve("cache"))), f.cluster, f.live,
                new SecretResolver(f.cluster, SecretsSettings.defaults(), Clock.systemUTC()));
        app = f.application(APP);
        f.repo.write("apps/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
                .write("apps/shop/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** What a user gets from 'mooring seal' with the cluster's published certificate. */
    private String seal(String name, SealingScope scope, SealingKey key) {
        var secret = new YamlReader().readOne("secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: %s, namespace: shop, labels: {app: shop}}
                type: kubernetes.io/basic-auth
                stringData: {username: ada, password: %s}
                """.formatted(name, password));
        var publicKey = key == null ? keys.certificate().orElseThrow().getPublicKey() : key.publicKey();
        return GoYamlWriter.write(new Sealer(publicKey, new SecureRandom()).seal(secret, scope));
    }

    private SyncResult sync() {
        return engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), e -> { }));
    }

    @Test
    void aSealedSecretBecomesATrackedSecretAndTheSealedSecretItselfIsNotApplied() {
        f.repo.write("apps/shop/db.yaml", seal("db", null, null)).commit("db credentials");

        SyncResult result = sync();

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.applied()).extracting(k -> k.kind() + "/" + k.name()).contains("Secret/db").doesNotContain("SealedSecret/db");
        var secret = f.client.secrets().inNamespace("shop").withName("db").get();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8)).isEqualTo(password);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app", "shop").containsEntry(Tracking.APP_LABEL, "shop");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.compare(app, (String) null).syncStatus() == SyncStatus.SYNCED);
    }

    @Test
    void aValueThatDoesNotUnsealFailsTheSyncBeforeAnyWriteOrPrune() {
        f.repo.write("apps/shop/db.yaml", seal("db", null, null)).commit("db");
        assertThat(sync().succeeded()).isTrue();
        String wrongKey = seal("api", null, TestKeys.key(3));
        f.repo.delete("apps/shop/settings.yaml").write("apps/shop/api.yaml", wrongKey).commit("api, and settings removed");

        SyncResult result = sync();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).startsWith("apps/shop/api.yaml:1: SealedSecret shop/api: value \"password\" cannot be unsealed: "
                + "no key of the cluster's key ring (1 key) opens it");
        assertThat(f.client.secrets().inNamespace("shop").withName("api").get()).as("no partial Secret").isNull();
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get()).as("nothing pruned").isNotNull();
        try {
            engine.compare(app, (String) null);
        } catch (SourceException e) {
            assertThat(e.reason()).isEqualTo("SecretError");
            ObjectNode status = ApplicationStatus.sourceFailed(new YamlReader().readOne("s", "{}"), e.reason(), e.getMessage());
            assertThat(status.toString()).contains("SecretError: apps/shop/api.yaml:1: SealedSecret shop/api").doesNotContain(password);
            return;
        }
        throw new AssertionError("the comparison should fail");
    }

    @Test
    void olderKeysKeepUnsealingAfterANewKeyAndNewSealsUseTheNewKey() {
        f.repo.write("apps/shop/db.yaml", seal("db", SealingScope.NAMESPACE_WIDE, null)).commit("sealed with the older key");
        assertThat(sync().succeeded()).isTrue();

        assertThat(keys.importKey(TestKeys.key(0), false)).isTrue();
        assertThat(keys.importKey(TestKeys.key(0), false)).as("importing a key twice adds it once").isFalse();
        assertThat(keys.certificate().orElseThrow().getPublicKey()).as("the newest key is published").isEqualTo(TestKeys.key(0).publicKey());
        f.repo.write("apps/shop/api.yaml", seal("api", null, null)).commit("sealed with the newer key");

        SyncResult result = sync();
        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(f.client.secrets().inNamespace("shop").withName("db").get()).isNotNull();
        assertThat(f.client.secrets().inNamespace("shop").withName("api").get()).isNotNull();
        assertThat(keys.load().keys()).hasSize(2);
    }

    @Test
    void secretValuesStayOutOfLogsDiffsStatusEventsAndFiles() throws IOException {
        Instant started = Instant.now().minusSeconds(1);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger mooring = (Logger) LoggerFactory.getLogger("io.mooring");
        Level before = mooring.getLevel();
        mooring.setLevel(Level.DEBUG);
        mooring.addAppender(logs);
        List<String> shown = new ArrayList<>();
        try {
            f.repo.write("apps/shop/db.yaml", seal("db", null, null)).commit("db");
            Comparison missing = engine.compare(app, (String) null);
            SyncResult first = engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), e -> shown.add(e.toString())));
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.compare(app, (String) null).syncStatus() == SyncStatus.SYNCED);
            f.repo.write("apps/shop/db.yaml", seal("db", null, null).replace("db", "db")).commit("db again, new ciphertext");
            Comparison changed = engine.compare(app, (String) null);
            f.repo.write("apps/shop/db.yaml", seal("db", null, TestKeys.key(3))).commit("wrong key");
            SyncResult failed = sync();

            for (Comparison comparison : List.of(missing, changed)) {
                for (SyncPlan.Wave wave : comparison.plan().waves()) {
                    wave.steps().forEach(s -> shown.add(s.diff().unified()));
                }
                shown.add(ApplicationStatus.compared(new YamlReader().readOne("s", "{}"), comparison).toString());
            }
            shown.add(first.message());
            shown.add(failed.message());
            shown.add(ApplicationStatus.synced(new YamlReader().readOne("s", "{}"), failed, "test").toString());
        } finally {
            mooring.detachAppender(logs);
            mooring.setLevel(before);
        }
        logs.list.forEach(e -> shown.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
        String base64 = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));

        assertThat(shown).as("diffs, status, sync messages (events carry these), progress and logs").isNotEmpty()
                .noneMatch(text -> text.contains(password) || text.contains(base64));
        assertThat(logs.list).as("the debug log says what was unsealed").anyMatch(e -> e.getFormattedMessage().contains("unsealed SealedSecret shop/db"));
        assertThat(filesContaining(temp, started)).as("the Git cache and checkouts under the test's directory").isEmpty();
        assertThat(filesContaining(Path.of(System.getProperty("java.io.tmpdir")), started)).as("temporary files").isEmpty();
    }

    /** Files changed since {@code since} under {@code dir} that hold the password, plain or in base64. */
    private List<Path> filesContaining(Path dir, Instant since) throws IOException {
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = Base64.getEncoder().encode(plain);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> {
                try {
                    return Files.isRegularFile(p) && Files.isReadable(p) && Files.size(p) < 16 << 20
                            && Files.getLastModifiedTime(p).toInstant().isAfter(since);
                } catch (IOException e) {
                    return false;
                }
            }).filter(p -> {
                try {
                    byte[] content = Files.readAllBytes(p);
                    return indexOf(content, plain) >= 0 || indexOf(content, encoded) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file of another process vanished while walking: nothing of ours
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
