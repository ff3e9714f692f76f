package io.mooring.secrets;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * One key pair of the key ring: the private key that unseals and the self-signed certificate that
 * carries the public key to whoever seals.
 *
 * @param name        the Secret that stores it (empty before it is stored)
 * @param privateKey  the RSA private key
 * @param certificate its certificate
 */
public record SealingKey(String name, RSAPrivateCrtKey privateKey, X509Certificate certificate) {
    public SealingKey {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey) || !publicKey.getModulus().equals(privateKey.getModulus())) {
            throw new IllegalArgumentException("the certificate of key " + name + " is not for its private key");
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) certificate.getPublicKey();
    }

    /** When the key was made: the ring orders keys by it, as Sealed Secrets does (the certificate's notBefore). */
    public Instant created() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    public SealingKey named(String secretName) {
        return new SealingKey(secretName, privateKey, certificate);
    }

    /** The public key's fingerprint as Sealed Secrets and OpenSSH print it: {@code SHA256:} and base64 of the SSH wire form. */
    public String fingerprint() {
        return fingerprint(publicKey());
    }

    public static String fingerprint(RSAPublicKey key) {
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        byte[] exponent = key.getPublicExponent().toByteArray();
        byte[] modulus = key.getModulus().toByteArray();
        ByteBuffer wire = ByteBuffer.allocate(12 + type.length + exponent.length + modulus.length);
        wire.putInt(type.length).put(type).putInt(exponent.length).put(exponent).putInt(modulus.length).put(modulus);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire.array());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA key size in bits. */
    public int bits() {
        BigInteger modulus = privateKey.getModulus();
        return modulus.bitLength();
    }

    @Override
    public String toString() {
        return "SealingKey[" + name + ", " + fingerprint() + "]";
    }
}
