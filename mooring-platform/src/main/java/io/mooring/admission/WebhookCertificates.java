package io.mooring.admission;

import io.mooring.secrets.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The webhook's TLS: the API server calls a webhook over HTTPS only, and checks its certificate
 * against the {@code caBundle} of the ValidatingWebhookConfiguration. Generates a private CA and a
 * serving certificate signed by it for the Service's DNS names (ECDSA P-256), writes them as a
 * Kubernetes TLS Secret holds them ({@code ca.crt}, {@code tls.crt}, {@code tls.key}), and turns a
 * certificate and key (these, or cert-manager's) into the server's {@link SSLContext}.
 *
 * @param ca         the CA certificate: the caBundle
 * @param serving    the server's certificate, signed by the CA
 * @param servingKey the server's private key
 */
public record WebhookCertificates(X509Certificate ca, X509Certificate serving, PrivateKey servingKey) {
    public static final String CA_FILE = "ca.crt";
    public static final String CERT_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";
    /** Clocks of the API server and the machine that made the certificate may differ a little. */
    private static final Duration SKEW = Duration.ofHours(1);

    /** The names the API server uses for a Service: {@code name.namespace.svc}, with its shorter and longer forms. */
    public static List<String> serviceNames(String service, String namespace) {
        return List.of(service, service + "." + namespace, service + "." + namespace + ".svc", service + "." + namespace + ".svc.cluster.local");
    }

    /**
     * A new CA and a serving certificate for {@code hosts} (DNS names, or IP addresses such as
     * 127.0.0.1 for a webhook reached by URL), both valid from now for {@code validity}.
     */
    public static WebhookCertificates generate(List<String> hosts, Duration validity, Instant now) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one host name");
        }
        try {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = keyPair(random);
            KeyPair servingKeys = keyPair(random);
            Date from = Date.from(now.minus(SKEW));
            Date until = Date.from(now.plus(validity));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X500Name caName = new X500Name("CN=mooring-admission-ca");
            var ca = new JcaX509v3CertificateBuilder(caName, serial(random), from, until, caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

            var serving = new JcaX509v3CertificateBuilder(caCertificate, serial(random), from, until, new X500Name("CN=" + hosts.getFirst()),
                    servingKeys.getPublic());
            serving.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            serving.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            serving.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            serving.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            serving.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            return new WebhookCertificates(caCertificate, sign(serving, caKeys.getPrivate()), servingKeys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the webhook's certificates: " + e.getMessage(), e);
        }
    }

    /** The caBundle: the CA certificate as PEM. */
    public String caPem() {
        return Pem.of(ca);
    }

    /** Writes {@code ca.crt}, {@code tls.crt} (serving certificate, then the CA) and {@code tls.key} (readable by the owner only). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CA_FILE), caPem(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(CERT_FILE), Pem.of(serving) + caPem(), StandardCharsets.US_ASCII);
            Path key = dir.resolve(KEY_FILE);
            Files.deleteIfExists(key);
            try {
                Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(key);
            }
            Files.writeString(key, Pem.of(servingKey), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the webhook's certificates to " + dir, e);
        }
    }

    /**
     * The server's TLS from a certificate file (the serving certificate first, then any chain) and a
     * private key file (RSA or EC, PKCS#1, SEC 1 or PKCS#8), as {@code tls.crt} and {@code tls.key}
     * of a TLS Secret.
     *
     * @throws IllegalArgumentException naming the file when either cannot be read
     */
    public static SSLContext sslContext(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.certificates(Files.readString(certificateFile, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(certificateFile + ": " + e.getMessage(), e);
        }
        try {
            key = Pem.anyPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage(), e);
        }
        return sslContext(chain, key);
    }

    /** The server's TLS from these certificates. */
    public SSLContext sslContext() {
        return sslContext(List.of(serving, ca), servingKey);
    }

    private static SSLContext sslContext(List<X509Certificate> chain, PrivateKey key) {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("webhook", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the certificate and the private key do not make a TLS server identity: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static boolean isIpAddress(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
