package io.mooring.secrets;

import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with the published Sealed Secrets format, written here a second time from its
 * description with plain JCA calls and none of Mooring's code: a 32-byte AES-256-GCM key per value
 * with a 12-byte zero nonce, the key wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256, label = scope),
 * laid out as uint16 big-endian RSA length, RSA part, GCM ciphertext and tag, base64 in
 * spec.encryptedData. What this reference seals, Mooring unseals, and the reverse.
 */
class HybridEncryptionInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The format, from its description. */
    static byte[] referenceSeal(PublicKey publicKey, byte[] plaintext, String label) throws Exception {
        byte[] sessionKey = new byte[32];
        RANDOM.nextBytes(sessionKey);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(label.getBytes(StandardCharsets.UTF_8))));
        byte[] wrapped = rsa.doFinal(sessionKey);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, new byte[12]));
        byte[] body = gcm.doFinal(plaintext);
        return ByteBuffer.allocate(2 + wrapped.length + body.length).putShort((short) wrapped.length).put(wrapped).put(body).array();
    }

    static byte[] referenceOpen(PrivateKey privateKey, byte[] sealed, String label) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(sealed);
        int rsaLength = Short.toUnsignedInt(in.getShort());
        byte[] wrapped = new byte[rsaLength];
        in.get(wrapped);
        byte[] body = new byte[in.remaining()];
        in.get(body);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, privateKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(label.getBytes(StandardCharsets.UTF_8))));
        byte[] sessionKey = rsa.doFinal(wrapped);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, new byte[12]));
        return gcm.doFinal(body);
    }

    @Test
    void mooringUnsealsWhatTheReferenceSealsInEveryScope() throws Exception {
        SealingKey key = TestKeys.full();
        Unsealer unsealer = new Unsealer(new KeyRing(java.util.List.of(key)));
        String[][] cases = {{"strict", "shop/db", ""}, {"namespace-wide", "shop", SealingScope.NAMESPACE_WIDE_ANNOTATION},
                {"cluster-wide", "", SealingScope.CLUSTER_WIDE_ANNOTATION}};
        for (String[] c : cases) {
            String sealed = Base64.getEncoder().encodeToString(referenceSeal(key.publicKey(), "hunter2 ✓".getBytes(StandardCharsets.UTF_8), c[1]));
            String annotations = c[2].isEmpty() ? "" : "  annotations: {\"" + c[2] + "\": \"true\"}\n";
            var object = new io.mooring.resource.YamlReader().readOne("s.yaml", """
                    apiVersion: bitnami.com/v1alpha1
                    kind: SealedSecret
                    metadata:
                      name: db
                      namespace: shop
                    %sspec:
                      encryptedData: {password: %s}
                    """.formatted(annotations, sealed));

            var secret = unsealer.unseal(SealedSecret.parse(object, "", "s.yaml", 1));

            assertThat(new String(Base64.getDecoder().decode(secret.path("data").path("password").asText()), StandardCharsets.UTF_8))
                    .as("a value the reference sealed with %s scope opens in Mooring", c[0]).isEqualTo("hunter2 ✓");
        }
    }

    @Test
    void theReferenceOpensWhatMooringSealsAndTheLayoutIsThePublishedOne() throws Exception {
        SealingKey key = TestKeys.full();
        byte[] plaintext = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = HybridEncryption.encrypt(key.publicKey(), plaintext, "shop/db".getBytes(StandardCharsets.UTF_8), RANDOM);

        assertThat(((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff)).as("the length prefix of a 4096-bit RSA part").isEqualTo(512);
        assertThat(sealed).as("2 + 512 bytes of RSA, then the ciphertext and its 16-byte tag").hasSize(2 + 512 + plaintext.length + 16);
        assertThat(referenceOpen(key.privateKey(), sealed, "shop/db")).isEqualTo(plaintext);
    }

    @Test
    void theAesPartIsGcmWithAZeroNonceUnderTheWrappedSessionKey() throws Exception {
        SealingKey key = TestKeys.key(0);
        byte[] plaintext = "value".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = HybridEncryption.encrypt(key.publicKey(), plaintext, new byte[0], RANDOM);

        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key.privateKey(), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        byte[] sessionKey = rsa.doFinal(sealed, 2, 256);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, new byte[12]));

        assertThat(sessionKey).as("a 32-byte (AES-256) session key").hasSize(32);
        assertThat(Arrays.copyOfRange(sealed, 258, sealed.length)).as("AES-256-GCM of the value with a zero nonce, tag appended")
                .isEqualTo(gcm.doFinal(plaintext));
    }

    @Test
    void sealedSecretsFromMooringOpenWithTheReferenceUnderTheScopeLabel() throws Exception {
        SealingKey key = TestKeys.key(0);
        var secret = new io.mooring.resource.YamlReader().readOne("s.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: api, namespace: team}
                stringData: {token: abc123}
                """);
        for (SealingScope scope : SealingScope.values()) {
            var sealed = new Sealer(key.publicKey(), RANDOM).seal(secret, scope);
            byte[] value = Base64.getDecoder().decode(sealed.path("spec").path("encryptedData").path("token").asText());
            String label = switch (scope) {
                case STRICT -> "team/api";
                case NAMESPACE_WIDE -> "team";
                case CLUSTER_WIDE -> "";
            };
            assertThat(new String(referenceOpen(key.privateKey(), value, label), StandardCharsets.UTF_8)).as(scope.text()).isEqualTo("abc123");
        }
    }
}
