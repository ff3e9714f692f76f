package io.mooring.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealingKeysTest {
    @Test
    void aKeyIsStoredAsSealedSecretsStoresItAndReadsBack() {
        SealingKey key = TestKeys.key(0);

        ObjectNode secret = SealingKeys.toSecret(key.named(""), "mooring");

        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.path("metadata").path("labels").path("sealedsecrets.bitnami.com/sealed-secrets-key").asText()).isEqualTo("active");
        assertThat(secret.path("metadata").path("name").asText()).startsWith("sealed-secrets-key-").isEqualTo(SealingKeys.secretName(key));
        String pem = new String(Base64.getDecoder().decode(secret.path("data").path("tls.key").asText()), StandardCharsets.US_ASCII);
        assertThat(pem).as("PKCS#1, as Sealed Secrets writes tls.key").startsWith("-----BEGIN RSA PRIVATE KEY-----");
        SealingKey back = SealingKeys.fromSecret(secret);
        assertThat(back.fingerprint()).isEqualTo(key.fingerprint());
        assertThat(back.privateKey().getPrivateExponent()).isEqualTo(key.privateKey().getPrivateExponent());
    }

    @Test
    void theCertificateIsSelfSignedForTheKeyAndValidForTenYears() throws Exception {
        SealingKey key = TestKeys.full();

        key.certificate().verify(key.publicKey());
        assertThat(key.bits()).isEqualTo(4096);
        assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=sealed-secret");
        assertThat(Duration.between(key.created(), key.expires())).isEqualTo(SealingKeys.VALIDITY);
        assertThat(key.fingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void pkcs8KeysImportToo() throws Exception {
        SealingKey key = TestKeys.key(0);
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(Pem.privateKey(pkcs8).getModulus()).isEqualTo(key.privateKey().getModulus());
        assertThatThrownBy(() -> SealingKeys.fromSecret(new io.mooring.resource.YamlReader().readOne("k", "metadata: {name: k}\ndata: {}\n")))
                .hasMessage("Secret k is no sealing key: it has no data.tls.key");
    }

    @Test
    void theRingSealsWithTheNewestKeyAndRenewsAfterThePeriod() {
        KeyRing ring = new KeyRing(List.of(TestKeys.key(2), TestKeys.key(0), TestKeys.key(1)));

        assertThat(ring.current()).contains(TestKeys.key(0));
        assertThat(ring.keys()).containsExactly(TestKeys.key(0), TestKeys.key(1), TestKeys.key(2));
        Instant created = TestKeys.key(0).created();
        assertThat(ring.renewalDue(created.plus(Duration.ofDays(29)), KeyRing.RENEW_PERIOD)).isFalse();
        assertThat(ring.renewalDue(created.plus(Duration.ofDays(30)), KeyRing.RENEW_PERIOD)).isTrue();
        assertThat(ring.renewalDue(created.plus(Duration.ofDays(300)), Duration.ZERO)).as("period 0: never").isFalse();
        assertThat(KeyRing.EMPTY.renewalDue(created, Duration.ZERO)).as("an empty ring always needs a key").isTrue();
    }
}
