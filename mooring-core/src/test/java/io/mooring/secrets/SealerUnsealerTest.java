package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerUnsealerTest {
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: shop
              labels: {app: shop}
              annotations:
                team: payments
                kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"leaked"}}'
              uid: 1234
              resourceVersion: "7"
            type: kubernetes.io/basic-auth
            immutable: true
            data:
              username: YWRtaW4=
            stringData:
              password: s3cr3t
            """;

    private final SealingKey key = TestKeys.key(0);
    private final Sealer sealer = new Sealer(key.publicKey(), new SecureRandom());
    private final Unsealer unsealer = new Unsealer(new KeyRing(List.of(key, TestKeys.key(1))));

    private static ObjectNode yaml(String text) {
        return (ObjectNode) new YamlReader().readOne("test.yaml", text);
    }

    private static String value(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    private ObjectNode unseal(JsonNode sealed) {
        return unsealer.unseal(SealedSecret.parse(sealed, "default", "sealed.yaml", 3));
    }

    @Test
    void aSealedSecretBecomesTheSecretWithTypeImmutableLabelsAndAnnotations() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), null);

        assertThat(sealed.toString()).as("no plaintext in the sealed form").doesNotContain("s3cr3t").doesNotContain("YWRtaW4=")
                .doesNotContain("leaked");
        assertThat(sealed.path("spec").path("template").path("metadata").has("uid")).as("server metadata dropped").isFalse();
        ObjectNode secret = unseal(sealed);

        assertThat(value(secret, "password")).isEqualTo("s3cr3t");
        assertThat(value(secret, "username")).isEqualTo("admin");
        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.path("immutable").asBoolean()).isTrue();
        assertThat(secret.path("metadata").path("labels").path("app").asText()).isEqualTo("shop");
        assertThat(secret.path("metadata").path("annotations").path("team").asText()).isEqualTo("payments");
        assertThat(secret.path("metadata").path("annotations").has("kubectl.kubernetes.io/last-applied-configuration"))
                .as("kubectl's copy of the values is never carried over").isFalse();
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("shop");
    }

    @Test
    void aValueMovedToAnotherNameOrNamespaceDoesNotOpenAndTheErrorNamesIt() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), null);
        sealed.with("metadata").put("name", "stolen");

        assertThatThrownBy(() -> unseal(sealed)).isInstanceOf(SecretException.class)
                .hasMessageStartingWith("sealed.yaml:3: SealedSecret shop/stolen: value \"password\" cannot be unsealed: no key of the "
                        + "cluster's key ring (2 keys) opens it with strict scope (namespace/name \"shop/stolen\")")
                .hasMessageContaining("seal it again").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aScopeMismatchIsDiagnosedWithTheScopeThatWouldOpenIt() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), SealingScope.CLUSTER_WIDE);
        ((ObjectNode) sealed.path("metadata")).remove("annotations");

        assertThatThrownBy(() -> unseal(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("it was sealed with cluster-wide scope, but the SealedSecret declares strict scope")
                .hasMessageContaining(SealingScope.CLUSTER_WIDE_ANNOTATION);
    }

    @Test
    void aTamperedValueFailsItsIntegrityCheckAndNoPartialSecretIsMade() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), null);
        byte[] bytes = Base64.getDecoder().decode(sealed.path("spec").path("encryptedData").path("username").asText());
        bytes[bytes.length - 1] ^= 1;
        ((ObjectNode) sealed.path("spec").path("encryptedData")).put("username", Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> unseal(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("value \"username\" cannot be unsealed: the value fails its integrity check");
    }

    @Test
    void aKeyNotInTheRingIsNamedAsTheLikelyCause() {
        ObjectNode sealed = new Sealer(TestKeys.key(2).publicKey(), new SecureRandom()).seal(yaml(SECRET), null);

        assertThatThrownBy(() -> unseal(sealed)).hasMessageContaining("sealed for another cluster's key");
        assertThatThrownBy(() -> new Unsealer(KeyRing.EMPTY).unseal(SealedSecret.parse(sealed, "", "s.yaml", 1)))
                .hasMessageContaining("the cluster has no sealing key");
    }

    @Test
    void olderKeysOfTheRingStillUnseal() {
        ObjectNode sealed = new Sealer(TestKeys.key(1).publicKey(), new SecureRandom()).seal(yaml(SECRET), null);

        assertThat(value(unseal(sealed), "password")).isEqualTo("s3cr3t");
    }

    @Test
    void namespaceWideValuesOpenUnderAnyNameInTheirNamespace() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), SealingScope.NAMESPACE_WIDE);
        assertThat(sealed.path("metadata").path("annotations").path(SealingScope.NAMESPACE_WIDE_ANNOTATION).asText()).isEqualTo("true");
        sealed.with("metadata").put("name", "renamed");

        assertThat(unseal(sealed).path("metadata").path("name").asText()).isEqualTo("renamed");
        sealed.with("metadata").put("namespace", "other");
        assertThatThrownBy(() -> unseal(sealed)).hasMessageContaining("namespace-wide scope (namespace \"other\")");
    }

    @Test
    void templateDataIsRenderedOverTheUnsealedValues() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), null);
        ((ObjectNode) sealed.path("spec").path("template")).putObject("data")
                .put("dsn", "postgres://{{ .username }}:{{ index . \"password\" }}@db/shop").putNull("username");

        ObjectNode secret = unseal(sealed);

        assertThat(value(secret, "dsn")).isEqualTo("postgres://admin:s3cr3t@db/shop");
        assertThat(secret.path("data").has("username")).as("a null template entry removes the key").isFalse();
    }

    @Test
    void mergingReplacesOneValueAndLeavesTheOthersByteForByte() {
        ObjectNode sealed = sealer.seal(yaml(SECRET), null);
        String username = sealed.path("spec").path("encryptedData").path("username").asText();

        ObjectNode merged = sealer.merge(sealed, yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {password: n3w, extra: e}\n"), null);

        assertThat(merged.path("spec").path("encryptedData").path("username").asText()).as("untouched").isEqualTo(username);
        ObjectNode secret = unseal(merged);
        assertThat(value(secret, "password")).isEqualTo("n3w");
        assertThat(value(secret, "extra")).isEqualTo("e");
        assertThatThrownBy(() -> sealer.merge(sealed, yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {a: b}\n"),
                SealingScope.CLUSTER_WIDE)).hasMessageContaining("is sealed with strict scope, not cluster-wide");
    }

    @Test
    void sealingRefusesWhatKubesealRefuses() {
        assertThatThrownBy(() -> sealer.seal(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n"), null))
                .hasMessageContaining("has no metadata.namespace");
        assertThat(sealer.seal(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n"), SealingScope.CLUSTER_WIDE)
                .path("metadata").has("namespace")).isFalse();
        assertThatThrownBy(() -> sealer.seal(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: b}\n"), null))
                .hasMessageContaining("nothing to seal");
        assertThatThrownBy(() -> sealer.seal(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), null))
                .hasMessageContaining("not a v1 Secret");
        assertThatThrownBy(() -> SealedSecret.parse(yaml("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: a}\n"
                + "spec: {data: AAAA}\n"), "ns", "f.yaml", 1)).hasMessageContaining("spec.data");
    }
}
