package io.mooring.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;

/**
 * The sealed value format of Sealed Secrets (kubeseal): a fresh 32-byte AES-256-GCM session key per
 * value, used once with a 12-byte zero nonce (safe because the key never repeats), wrapped with
 * RSA-OAEP (SHA-256 digest, MGF1 with SHA-256) whose label is the scope. Bytes:
 * {@code uint16 big-endian length of the RSA part || RSA part || AES-GCM ciphertext with its 16-byte tag}.
 * Plain JCA only.
 */
public final class HybridEncryption {
    private static final int SESSION_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private HybridEncryption() {
    }

    /** Seals {@code plaintext} for {@code key} with the scope {@code label}. */
    public static byte[] encrypt(PublicKey key, byte[] plaintext, byte[] label, SecureRandom random) {
        byte[] sessionKey = new byte[SESSION_KEY_BYTES];
        random.nextBytes(sessionKey);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, key, oaep(label), random);
            byte[] wrapped = rsa.doFinal(sessionKey);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(TAG_BITS, new byte[NONCE_BYTES]));
            byte[] sealed = new byte[2 + wrapped.length + aes.getOutputSize(plaintext.length)];
            sealed[0] = (byte) (wrapped.length >>> 8);
            sealed[1] = (byte) wrapped.length;
            System.arraycopy(wrapped, 0, sealed, 2, wrapped.length);
            aes.doFinal(plaintext, 0, plaintext.length, sealed, 2 + wrapped.length);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with this key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws Failure saying which part failed: too short, the RSA part (another key or another scope), or the AES part (tampered)
     */
    public static byte[] decrypt(PrivateKey key, byte[] sealed, byte[] label) throws Failure {
        if (sealed.length < 2) {
            throw new Failure(Failure.Part.FORMAT, "too short to be a sealed value");
        }
        int rsaLength = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
        if (sealed.length < 2 + rsaLength) {
            throw new Failure(Failure.Part.FORMAT, "too short to be a sealed value");
        }
        byte[] sessionKey;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, key, oaep(label));
            sessionKey = rsa.doFinal(sealed, 2, rsaLength);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException | java.security.InvalidKeyException e) {
            throw new Failure(Failure.Part.KEY, "the key or the scope does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP is not available: " + e.getMessage(), e);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(TAG_BITS, new byte[NONCE_BYTES]));
            return aes.doFinal(sealed, 2 + rsaLength, sealed.length - 2 - rsaLength);
        } catch (AEADBadTagException | java.security.InvalidKeyException e) {
            throw new Failure(Failure.Part.CONTENT, "the value fails its integrity check: it was changed or cut after sealing");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    private static OAEPParameterSpec oaep(byte[] label) {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label));
    }

    /** Why a value did not open; never carries any part of the value. */
    public static final class Failure extends Exception {
        /** Which part failed. */
        public enum Part { FORMAT, KEY, CONTENT }

        private final Part part;

        Failure(Part part, String message) {
            super(message, null, false, false);
            this.part = part;
        }

        public Part part() {
            return part;
        }
    }
}
