package io.mooring.cli.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.Main;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.KeyRing;
import io.mooring.secrets.Pem;
import io.mooring.secrets.SealedSecret;
import io.mooring.secrets.SealingKey;
import io.mooring.secrets.Unsealer;
import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mooring seal} and {@code mooring unseal} offline, with a certificate and a key on disk. */
class SealCommandTest {
    @TempDir
    Path dir;
    Path cert;
    Path keyFile;
    final SealingKey key = TestKeys.key(0);

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void setUp() throws IOException {
        cert = Files.writeString(dir.resolve("cert.pem"), Pem.of(key.certificate()));
        keyFile = Files.writeString(dir.resolve("key.pem"), Pem.of(key.privateKey()) + Pem.of(key.certificate()));
    }

    /** The checkout the tests run in: the closest folder up from here that has {@code mvnw}. */
    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    private String unsealed(String sealedYaml, String name) {
        JsonNode sealed = new YamlReader().readOne("out.yaml", sealedYaml);
        JsonNode secret = new Unsealer(new KeyRing(List.of(key))).unseal(SealedSecret.parse(sealed, "default", "out.yaml", 1));
        return new String(Base64.getDecoder().decode(secret.path("data").path(name).asText()), StandardCharsets.UTF_8);
    }

    @Test
    void literalsAndFilesAreSealedForTheGivenNameNamespaceAndScope() throws IOException {
        Path tls = Files.writeString(dir.resolve("tls.crt"), "certificate body");

        Run run = run("seal", "--cert", cert.toString(), "--name", "db", "-n", "shop", "--from-literal", "password=s3cr3t",
                "--from-file", tls.toString(), "--from-file", "ca=" + tls, "--scope", "namespace-wide");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("kind: SealedSecret").contains("sealedsecrets.bitnami.com/namespace-wide: \"true\"")
                .doesNotContain("s3cr3t");
        assertThat(unsealed(run.out(), "password")).isEqualTo("s3cr3t");
        assertThat(unsealed(run.out(), "tls.crt")).isEqualTo("certificate body");
        assertThat(unsealed(run.out(), "ca")).isEqualTo("certificate body");
    }

    @Test
    void aSecretManifestIsSealedAndMergeIntoReplacesOneValueOnly() throws IOException {
        Path manifest = Files.writeString(dir.resolve("secret.yaml"),
                "apiVersion: v1\nkind: Secret\nmetadata: {name: api, namespace: shop}\nstringData: {token: one, other: two}\n");
        Run sealed = run("seal", "--cert", cert.toString(), "-f", manifest.toString());
        Path file = Files.writeString(dir.resolve("sealed.yaml"), sealed.out());
        String other = new YamlReader().readOne("s", sealed.out()).path("spec").path("encryptedData").path("other").asText();

        Run merged = run("seal", "--cert", cert.toString(), "--merge-into", file.toString(), "--from-literal", "token=three");

        assertThat(merged.exitCode()).as(merged.err()).isZero();
        String after = Files.readString(file);
        assertThat(unsealed(after, "token")).isEqualTo("three");
        assertThat(new YamlReader().readOne("s", after).path("spec").path("encryptedData").path("other").asText())
                .as("the other value is left byte for byte").isEqualTo(other);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left beside it").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void unsealWithAKeyFilePrintsTheSecret() throws IOException {
        Run sealed = run("seal", "--cert", cert.toString(), "--name", "db", "-n", "shop", "--from-literal", "password=s3cr3t", "-o", "json");
        Path file = Files.writeString(dir.resolve("sealed.json"), sealed.out());

        Run unsealed = run("unseal", "-f", file.toString(), "--key", keyFile.toString());

        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        assertThat(unsealed.out()).contains("kind: Secret").contains("password: " + Base64.getEncoder().encodeToString("s3cr3t".getBytes()));
    }

    @Test
    void mistakesAreOneLineErrors() {
        Run noName = run("seal", "--cert", cert.toString(), "--from-literal", "a=b");
        assertThat(noName.exitCode()).isEqualTo(1);
        assertThat(noName.err()).startsWith("error: the Secret has no name: give --name");

        Run badScope = run("seal", "--cert", cert.toString(), "--name", "a", "-n", "b", "--from-literal", "a=b", "--scope", "global");
        assertThat(badScope.err()).contains("scope 'global' is none of strict, namespace-wide, cluster-wide");

        Run noNamespace = run("seal", "--cert", cert.toString(), "--name", "a", "--from-literal", "a=b");
        assertThat(noNamespace.err()).contains("has no metadata.namespace").doesNotContain("Exception");
    }
}
