package io.mooring.secrets;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM as Kubernetes TLS Secrets hold it: certificates ({@code tls.crt}) and an RSA private key
 * ({@code tls.key}), written as PKCS#1 ({@code RSA PRIVATE KEY}) as Sealed Secrets writes it, read
 * as PKCS#1 or PKCS#8.
 */
public final class Pem {
    private Pem() {
    }

    /** Every certificate in {@code pem}, in order; other PEM blocks (a private key beside them) are passed over. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate found");
        }
        return certificates;
    }

    /** The RSA private key in {@code pem} (PKCS#1 or PKCS#8, unencrypted). */
    public static RSAPrivateCrtKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (object instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException("no unencrypted PEM private key found");
            }
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalArgumentException("the private key is " + key.getAlgorithm() + ", not RSA");
            }
            return rsa;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    public static String of(X509Certificate certificate) {
        return write(certificate);
    }

    /** PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}). */
    public static String of(RSAPrivateCrtKey key) {
        return write(key);
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
