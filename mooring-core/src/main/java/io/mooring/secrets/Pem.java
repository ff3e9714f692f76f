package io.mooring.secrets;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

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
 * PEM as Kubernetes TLS Secrets hold it: certificates ({@code tls.crt}) and a private key
 * ({@code tls.key}); an RSA key written as PKCS#1 ({@code RSA PRIVATE KEY}) as Sealed Secrets writes
 * it, keys read as PKCS#1, SEC 1 or PKCS#8 (a certificate before the key, as in a combined file, is passed over).
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
        PrivateKey key = anyPrivateKey(pem);
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("the private key is " + key.getAlgorithm() + ", not RSA");
        }
        return rsa;
    }

    /** The private key in {@code pem}, RSA or EC (PKCS#1, SEC 1 or PKCS#8, unencrypted), as TLS Secrets hold them. */
    public static PrivateKey anyPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (!(object instanceof X509CertificateHolder)) {
                    break;
                }
            }
            throw new IllegalArgumentException("no unencrypted PEM private key found");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    public static String of(X509Certificate certificate) {
        return write(certificate);
    }

    /** RSA keys as PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}), as Sealed Secrets writes them; others as PKCS#8 ({@code PRIVATE KEY}). */
    public static String of(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey) {
            return write(key);
        }
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot write the private key as PEM: " + e.getMessage(), e);
        }
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
