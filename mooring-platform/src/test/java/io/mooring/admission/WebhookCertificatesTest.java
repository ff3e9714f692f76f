package io.mooring.admission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void theServingCertificateNamesTheServiceAndIsSignedByTheCa() throws Exception {
        Instant now = Instant.now();
        List<String> names = WebhookCertificates.serviceNames("mooring-admission", "mooring");
        WebhookCertificates certificates = WebhookCertificates.generate(names, Duration.ofDays(365), now);

        X509Certificate serving = certificates.serving();
        serving.verify(certificates.ca().getPublicKey());
        assertThat(names).containsExactly("mooring-admission", "mooring-admission.mooring", "mooring-admission.mooring.svc",
                "mooring-admission.mooring.svc.cluster.local");
        assertThat(serving.getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1))).containsExactlyElementsOf(names);
        assertThat(serving.getExtendedKeyUsage()).as("server authentication").contains("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificates.ca().getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
        serving.checkValidity(Date.from(now));
        serving.checkValidity(Date.from(now.plus(Duration.ofDays(364))));
        assertThat(certificates.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void writtenFilesServeTlsThatTrustsOnlyTheCa() throws Exception {
        WebhookCertificates certificates = WebhookCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1), Instant.now());
        certificates.write(dir);

        assertThat(Files.readString(dir.resolve("tls.crt")).split("-----BEGIN CERTIFICATE-----", -1)).as("serving certificate, then the CA")
                .hasSize(3);
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(certificates.caPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls.key")))).isEqualTo("rw-------");
        try (WebhookServer server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0),
                WebhookCertificates.sslContext(dir.resolve("tls.crt"), dir.resolve("tls.key")), review -> Decision.ALLOW, 1024);
             HttpClient client = HttpClient.newBuilder().sslContext(WebhookServerTest.trusting(certificates)).build()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void unreadableFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("tls.crt"), "not a certificate");
        Files.writeString(dir.resolve("tls.key"), "not a key");

        assertThatThrownBy(() -> WebhookCertificates.sslContext(dir.resolve("tls.crt"), dir.resolve("tls.key")))
                .hasMessageStartingWith(dir.resolve("tls.crt") + ": ");
        WebhookCertificates.generate(List.of("localhost"), Duration.ofDays(1), Instant.now()).write(dir.resolve("real"));
        assertThatThrownBy(() -> WebhookCertificates.sslContext(dir.resolve("real/tls.crt"), dir.resolve("tls.key")))
                .hasMessageStartingWith(dir.resolve("tls.key") + ": ");
    }

    @Test
    void readsKeysAsOpensslAndCertManagerWriteThem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        for (String[] key : new String[][] {{"ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"}, {"rsa:2048"}}) {
            Path sub = Files.createDirectories(dir.resolve(key[0].replace(':', '-')));
            List<String> command = new ArrayList<>(List.of("/usr/bin/openssl", "req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", sub.resolve("tls.key").toString(), "-out", sub.resolve("tls.crt").toString(), "-newkey"));
            command.addAll(List.of(key));
            Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes());
            assertThat(openssl.waitFor()).as(output).isZero();
            if (key[0].equals("ec")) {
                // cert-manager writes EC keys as SEC 1 ("EC PRIVATE KEY"); openssl writes PKCS#8: convert to have both forms.
                Process sec1 = new ProcessBuilder("/usr/bin/openssl", "ec", "-in", sub.resolve("tls.key").toString(), "-out",
                        sub.resolve("sec1.key").toString()).redirectErrorStream(true).start();
                sec1.getInputStream().readAllBytes();
                assertThat(sec1.waitFor()).isZero();
                assertThat(Files.readString(sub.resolve("sec1.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
                assertThat(WebhookCertificates.sslContext(sub.resolve("tls.crt"), sub.resolve("sec1.key"))).isNotNull();
            }
            assertThat(WebhookCertificates.sslContext(sub.resolve("tls.crt"), sub.resolve("tls.key"))).as(key[0]).isNotNull();
        }
    }
}
