package io.mooring.sync;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mooring.config.Application;
import io.mooring.git.GitRepositories;
import io.mooring.secrets.SecretResolver;
import io.mooring.secrets.SecretsSettings;
import io.mooring.testing.VaultStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * ExternalSecrets in Git become Secrets in the sandbox, read at sync time from a store. The Vault
 * here is {@link VaultStub}, a local HTTP server that follows Vault's documented KV v2 API: Vault
 * itself cannot be installed on the machines this project builds on.
 */
class ExternalSecretSyncTest {
    private static final String APP = """
            apiVersion: mooring.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: mooring}
            spec:
              source: {repoURL: '%s', targetRevision: main, path: apps/shop}
              destination: {namespace: shop}
            """;
    private static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: vault}
            spec:
              provider:
                vault:
                  server: %s
                  path: kv
                  version: v2
                  auth: {tokenSecretRef: {name: vault-token, key: token}}
            """;

    @TempDir
    Path temp;
    SyncFixture f;
    VaultStub vault;
    SyncEngine engine;
    Application app;
    /** A clock the test moves, for refresh intervals. */
    final MovableClock clock = new MovableClock();

    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new SyncFixture(temp);
        vault = new VaultStub("kv", "s.root-token");
        vault.put("shop/db", Map.of("username", "ada", "password", "first-password"));
        Path files = Files.createDirectories(temp.resolve("local-secrets"));
        Files.writeString(files.resolve("dev.yaml"), "api: {key: local-api-key}\n");
        engine = new SyncEngine(new Renderings(new GitRepositories(temp.resolve("cache"))), f.cluster, f.live,
                new SecretResolver(f.cluster, SecretsSettings.defaults().withFileRoot(files), clock));
        app = f.application(APP);
        f.repo.write("apps/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
                .write("apps/shop/store.yaml", STORE.formatted(vault.address()))
                .write("apps/shop/db.yaml", """
                        apiVersion: external-secrets.io/v1
                        kind: ExternalSecret
                        metadata: {name: db}
                        spec:
                          refreshInterval: 10m
                          secretStoreRef: {name: vault, kind: SecretStore}
                          target:
                            name: db-credentials
                            template:
                              type: kubernetes.io/basic-auth
                              data: {username: "{{ .username }}", password: "{{ .password }}", dsn: "postgres://{{ .username }}@db"}
                          dataFrom: [{extract: {key: shop/db}}]
                        """);
    }

    @AfterEach
    void tearDown() {
        f.close();
        vault.close();
    }

    private void token(String value) {
        f.client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
                .build()).serverSideApply();
        f.client.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
                .addToStringData("token", value).build()).serverSideApply();
    }

    private SyncResult sync() {
        return engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), e -> { }));
    }

    private String live(String secret, String key) {
        var object = f.client.secrets().inNamespace("shop").withName(secret).get();
        return object == null ? null : new String(Base64.getDecoder().decode(object.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void anExternalSecretBecomesItsTargetSecretAndIsReadAgainAfterItsRefreshInterval() {
        token("s.root-token");
        f.repo.commit("db from vault");

        SyncResult result = sync();

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.applied()).extracting(k -> k.kind() + "/" + k.name()).contains("Secret/db-credentials")
                .doesNotContain("ExternalSecret/db", "SecretStore/vault");
        assertThat(live("db-credentials", "password")).isEqualTo("first-password");
        assertThat(live("db-credentials", "dsn")).isEqualTo("postgres://ada@db");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.compare(app, (String) null).syncStatus() == SyncStatus.SYNCED);

        vault.put("shop/db", Map.of("username", "ada", "password", "second-password"));
        int reads = vault.reads();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(engine.compare(app, (String) null).syncStatus()).as("within the refresh interval, the value read last").isEqualTo(SyncStatus.SYNCED);
        assertThat(vault.reads()).as("and Vault is not asked").isEqualTo(reads);

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(engine.compare(app, (String) null).syncStatus()).as("after it, the new version").isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(sync().succeeded()).isTrue();
        assertThat(live("db-credentials", "password")).isEqualTo("second-password");
    }

    @Test
    void versionsMetadataAndFileStoresAreRead() {
        token("s.root-token");
        vault.put("shop/db", Map.of("username", "ada", "password", "second-password")).metadata("shop/db", Map.of("owner", "team-shop"));
        f.repo.write("apps/shop/db.yaml", """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db}
                spec:
                  secretStoreRef: {name: vault}
                  data:
                  - {secretKey: old, remoteRef: {key: shop/db, property: password, version: "1"}}
                  - {secretKey: new, remoteRef: {key: shop/db, property: password}}
                  - {secretKey: owner, remoteRef: {key: shop/db, property: owner, metadataPolicy: Fetch}}
                """).write("apps/shop/local.yaml", """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: api}
                spec:
                  secretStoreRef: {name: local, kind: ClusterSecretStore}
                  data: [{secretKey: key, remoteRef: {key: api, property: key}}]
                ---
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: local}
                spec: {provider: {file: {path: dev.yaml}}}
                """).commit("versions");

        SyncResult result = sync();

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(live("db", "old")).isEqualTo("first-password");
        assertThat(live("db", "new")).isEqualTo("second-password");
        assertThat(live("db", "owner")).isEqualTo("team-shop");
        assertThat(live("api", "key")).isEqualTo("local-api-key");
    }

    @Test
    void aStoreThatRefusesFailsTheSyncWithTheObjectNamedAndNoTokenInTheMessage() {
        token("s.wrong-token");
        f.repo.commit("db");

        SyncResult result = sync();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).startsWith("apps/shop/db.yaml:1: ExternalSecret shop/db (store SecretStore shop/vault): Vault refused to "
                + "read kv/data/shop/db: permission denied").doesNotContain("s.wrong-token").doesNotContain("s.root-token");
        assertThat(f.client.secrets().inNamespace("shop").withName("db-credentials").get()).isNull();
        assertThatThrownBy(() -> engine.compare(app, (String) null)).isInstanceOf(SourceException.class)
                .extracting(e -> ((SourceException) e).reason()).isEqualTo("SecretError");
    }

    @Test
    void aFileStorePathCannotLeaveItsDirectory() {
        f.repo.write("apps/shop/db.yaml", """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db}
                spec:
                  secretStoreRef: {name: local, kind: ClusterSecretStore}
                  data: [{secretKey: token, remoteRef: {key: root}}]
                ---
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: local}
                spec: {provider: {file: {path: ../cache/../../../etc/passwd}}}
                """).commit("escape");

        assertThat(sync().message()).contains("is not a file under the file stores' directory");
    }
}
