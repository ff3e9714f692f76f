package io.mooring.secrets.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.SecretException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalSecretBuilderTest {
    private static final Map<String, String> STORE = Map.of(
            "db/prod", "{\"username\": \"ada\", \"password\": \"s3cr3t\", \"port\": 5432, \"nested\": {\"tls\": \"on\"}}",
            "cert", "\"aGVsbG8=\"");

    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("es.yaml", text);
    }

    private static JsonNode fetch(ExternalSecret.RemoteRef ref) {
        String json = STORE.get(ref.key());
        if (json == null) {
            throw new SecretException("no secret " + ref.key(), null);
        }
        return yaml(json);
    }

    private static ExternalSecret parse(String spec) {
        return ExternalSecret.parse(yaml("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db}\nspec:\n" + spec),
                "shop", "es.yaml", 4);
    }

    private static String value(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    @Test
    void dataAndDataFromFillTheTargetSecretDataOverDataFrom() {
        ExternalSecret es = parse("""
                  refreshInterval: 15m
                  secretStoreRef: {name: vault, kind: ClusterSecretStore}
                  target: {name: db-credentials}
                  dataFrom: [{extract: {key: db/prod}}]
                  data:
                  - {secretKey: username, remoteRef: {key: db/prod, property: password}}
                  - {secretKey: tls, remoteRef: {key: db/prod, property: nested.tls}}
                  - {secretKey: cert, remoteRef: {key: cert, decodingStrategy: Base64}}
                """);

        ObjectNode secret = ExternalSecretBuilder.build(es, ExternalSecretBuilderTest::fetch);

        assertThat(es.refreshInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(es.store()).isEqualTo(new ExternalSecret.StoreRef("vault", "ClusterSecretStore"));
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("db-credentials");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("shop");
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(value(secret, "username")).as("data wins over dataFrom").isEqualTo("s3cr3t");
        assertThat(value(secret, "password")).isEqualTo("s3cr3t");
        assertThat(value(secret, "port")).as("non-text values as JSON").isEqualTo("5432");
        assertThat(value(secret, "nested")).isEqualTo("{\"tls\":\"on\"}");
        assertThat(value(secret, "tls")).as("a dotted property reads nested objects").isEqualTo("on");
        assertThat(value(secret, "cert")).isEqualTo("hello");
    }

    @Test
    void aTemplateReplacesTheDataOrMergesOverItAndSetsTypeAndMetadata() {
        String spec = """
                  secretStoreRef: {name: vault}
                  target:
                    template:
                      type: kubernetes.io/basic-auth
                      metadata: {labels: {team: shop}}
                      %s
                      data: {dsn: "postgres://{{ .username }}:{{ .password }}@db"}
                  data:
                  - {secretKey: username, remoteRef: {key: db/prod, property: username}}
                  - {secretKey: password, remoteRef: {key: db/prod, property: password}}
                """;
        ObjectNode replaced = ExternalSecretBuilder.build(parse(spec.formatted("")), ExternalSecretBuilderTest::fetch);
        ObjectNode merged = ExternalSecretBuilder.build(parse(spec.formatted("mergePolicy: Merge")), ExternalSecretBuilderTest::fetch);

        assertThat(value(replaced, "dsn")).isEqualTo("postgres://ada:s3cr3t@db");
        assertThat(replaced.path("data").has("username")).as("Replace keeps only the templates").isFalse();
        assertThat(replaced.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(replaced.path("metadata").path("labels").path("team").asText()).isEqualTo("shop");
        assertThat(value(merged, "username")).isEqualTo("ada");
        assertThat(value(merged, "dsn")).isEqualTo("postgres://ada:s3cr3t@db");
    }

    @Test
    void creationPolicyNoneResolvesWithoutMakingASecret() {
        ExternalSecret es = parse("  secretStoreRef: {name: v}\n  target: {creationPolicy: None}\n  dataFrom: [{extract: {key: db/prod}}]\n");

        assertThat(ExternalSecretBuilder.build(es, ExternalSecretBuilderTest::fetch)).isNull();
    }

    @Test
    void unsupportedFieldsAndMissingPropertiesAreNamedWithoutValues() {
        assertThatThrownBy(() -> parse("  secretStoreRef: {name: v}\n  dataFrom: [{find: {name: {regexp: .*}}}]\n"))
                .hasMessageContaining("spec.dataFrom[0].find is not supported");
        assertThatThrownBy(() -> parse("  secretStoreRef: {name: v}\n  target: {creationPolicy: Merge}\n  dataFrom: [{extract: {key: a}}]\n"))
                .hasMessageContaining("creationPolicy Merge is not supported");
        assertThatThrownBy(() -> parse("  secretStoreRef: {name: v}\n"))
                .hasMessageStartingWith("es.yaml:4: ExternalSecret shop/db: has neither spec.data nor spec.dataFrom");
        ExternalSecret missing = parse("  secretStoreRef: {name: v}\n  data: [{secretKey: k, remoteRef: {key: db/prod, property: pass}}]\n");
        assertThatThrownBy(() -> ExternalSecretBuilder.build(missing, ExternalSecretBuilderTest::fetch))
                .hasMessageContaining("has no property \"pass\" (it has: nested, password, port, username)")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void storesReadVaultWithTokenAuthAndKeepASecretStoreInItsNamespace() {
        SecretStore store = SecretStore.parse(yaml("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: vault}
                spec:
                  provider:
                    vault:
                      server: https://vault.example:8200
                      path: kv
                      auth: {tokenSecretRef: {name: vault-token}}
                """), "shop", "store.yaml", 1);

        assertThat(store.provider()).isEqualTo(new SecretStore.Vault("https://vault.example:8200", "kv", "",
                new SecretStore.TokenRef("vault-token", "token", "shop"), ""));
        assertThatThrownBy(() -> SecretStore.parse(yaml("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: vault, namespace: shop}
                spec: {provider: {vault: {server: http://v, auth: {tokenSecretRef: {name: t, namespace: other}}}}}
                """), "shop", "store.yaml", 1)).hasMessageContaining("a SecretStore reads Secrets of its own namespace only");
        assertThat(SecretStore.parse(yaml("""
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: local}
                spec: {provider: {file: {path: team/secrets.yaml}}}
                """), "shop", "store.yaml", 1).provider()).isEqualTo(new SecretStore.File("team/secrets.yaml"));
    }
}
