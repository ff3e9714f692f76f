package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * Making sealing keys and storing them the way Sealed Secrets does: a {@code kubernetes.io/tls}
 * Secret with the PKCS#1 private key in {@code tls.key}, the certificate in {@code tls.crt} and the
 * label {@code sealedsecrets.bitnami.com/sealed-secrets-key: active}. Keys exported from a Sealed
 * Secrets controller import as they are, and Mooring's keys work in one.
 */
public final class SealingKeys {
    public static final String KEY_LABEL = "sealedsecrets.bitnami.com/sealed-secrets-key";
    public static final String ACTIVE = "active";
    public static final String NAME_PREFIX = "sealed-secrets-key";
    public static final int DEFAULT_BITS = 4096;
    /** As Sealed Secrets: the certificate outlives the key's 30 days as the current key by far, so old SealedSecrets keep unsealing. */
    public static final Duration VALIDITY = Duration.ofDays(3650);
    public static final String COMMON_NAME = "sealed-secret";
    /** Marks a key whose private half is public (examples/platform's demo key): never for a real cluster. */
    public static final String DEMO_ANNOTATION = "mooring.io/demo-key";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SealingKeys() {
    }

    /** A new key pair of {@code bits} bits and its self-signed certificate, valid from {@code now} for {@code validity}. */
    public static SealingKey generate(int bits, Instant now, Duration validity, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + COMMON_NAME);
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, random).add(BigInteger.ONE),
                    Date.from(now), Date.from(now.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setSecureRandom(random).build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new SealingKey("", (RSAPrivateCrtKey) pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a sealing key: " + e.getMessage(), e);
        }
    }

    /** The name Mooring gives a new key's Secret: the prefix and the start of the key's digest, the same for the same key. */
    public static String secretName(SealingKey key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKey().getModulus().toByteArray());
            return NAME_PREFIX + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TLS Secret that stores {@code key} in {@code namespace} (named as the key is, or by {@link #secretName}). */
    public static ObjectNode toSecret(SealingKey key, String namespace) {
        ObjectNode secret = JSON.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = secret.putObject("metadata");
        metadata.put("name", key.name().isEmpty() ? secretName(key) : key.name()).put("namespace", namespace);
        metadata.putObject("labels").put(KEY_LABEL, ACTIVE);
        secret.put("type", "kubernetes.io/tls");
        ObjectNode data = secret.putObject("data");
        data.put("tls.crt", base64(Pem.of(key.certificate())));
        data.put("tls.key", base64(Pem.of(key.privateKey())));
        return secret;
    }

    /**
     * The key a TLS Secret stores.
     *
     * @throws IllegalArgumentException naming the Secret when it holds no RSA key and matching certificate
     */
    public static SealingKey fromSecret(JsonNode secret) {
        String name = secret.path("metadata").path("name").asText();
        JsonNode data = secret.path("data");
        try {
            String key = decode(data, "tls.key");
            String certificate = decode(data, "tls.crt");
            return new SealingKey(name, Pem.privateKey(key), Pem.certificates(certificate).getFirst());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret " + name + " is no sealing key: " + e.getMessage(), e);
        }
    }

    /** Whether a key Secret is marked as the public demo key. */
    public static boolean isDemo(JsonNode secret) {
        return "true".equals(secret.path("metadata").path("annotations").path(DEMO_ANNOTATION).asText());
    }

    private static String decode(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("it has no data." + field);
        }
        return new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.US_ASCII);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
