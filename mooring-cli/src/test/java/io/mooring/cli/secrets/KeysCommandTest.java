package io.mooring.cli.secrets;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cluster.Kube;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.secrets.SealingKeys;
import io.mooring.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.mooring.cli.secrets.SealCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The key ring commands against the sandbox cluster: rotate, list, cert, seal from the cluster, export, import, unseal from the cluster. */
class KeysCommandTest {
    static Sandbox sandbox;
    static KubernetesClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = Kube.connect(sandbox.kubeconfig(), null, null);
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    private String kubeconfig() {
        return sandbox.kubeconfig().toString();
    }

    @Test
    void keysAreMadeListedBackedUpRestoredAndUsedToSealAndUnseal() throws IOException {
        SealCommandTest.Run none = run("secrets", "keys", "list", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-a");
        assertThat(none.err()).contains("No sealing keys in namespace keys-a");

        SealCommandTest.Run rotated = run("secrets", "keys", "rotate", "--bits", "2048", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-a");
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).startsWith("secret/sealed-secrets-key-").contains("it seals from now on");

        SealCommandTest.Run list = run("secrets", "keys", "list", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-a");
        assertThat(list.out()).startsWith("NAME").containsPattern("sealed-secrets-key-\\w+ +SHA256:\\S+ .* yes");

        SealCommandTest.Run sealed = run("seal", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-a", "--name", "db", "-n", "shop",
                "--from-literal", "password=s3cr3t");
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        Path sealedFile = Files.writeString(dir.resolve("db.yaml"), sealed.out());

        SealCommandTest.Run exported = run("secrets", "keys", "export", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-a");
        assertThat(exported.err()).contains("exported 1 private keys");
        Path backup = Files.writeString(dir.resolve("backup.yaml"), exported.out());
        assertThat(new YamlReader().readOne("b", exported.out()).path("items").get(0).path("metadata").has("uid"))
                .as("a backup without server metadata, so it imports anywhere").isFalse();

        // Disaster: a new cluster (here, another namespace) gets the backup.
        SealCommandTest.Run imported = run("secrets", "keys", "import", backup.toString(), "--kubeconfig", kubeconfig(), "--key-namespace", "keys-b");
        assertThat(imported.out()).startsWith("imported sealed-secrets-key-");
        SealCommandTest.Run again = run("secrets", "keys", "import", backup.toString(), "--kubeconfig", kubeconfig(), "--key-namespace", "keys-b");
        assertThat(again.out()).startsWith("already in the ring: ");

        SealCommandTest.Run unsealed = run("unseal", "-f", sealedFile.toString(), "--kubeconfig", kubeconfig(), "--key-namespace", "keys-b");
        assertThat(unsealed.exitCode()).as(unsealed.err()).isZero();
        assertThat(unsealed.out()).contains("password: czNjcjN0");

        SealCommandTest.Run cert = run("secrets", "keys", "cert", "--kubeconfig", kubeconfig(), "--key-namespace", "keys-b");
        assertThat(cert.out()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aSealedSecretsControllersKeyImportsAndTheDemoKeyIsFlagged() throws IOException {
        var secret = SealingKeys.toSecret(TestKeys.key(1).named("sealed-secrets-keyx7k2p"), "kube-system");
        secret.with("metadata").with("annotations").put(SealingKeys.DEMO_ANNOTATION, "true");
        Path file = Files.writeString(dir.resolve("keys.yaml"), io.mooring.resource.GoYamlWriter.write(secret));

        SealCommandTest.Run imported = run("secrets", "keys", "import", file.toString(), "--kubeconfig", kubeconfig(), "--key-namespace", "keys-c");

        assertThat(imported.out()).contains("imported sealed-secrets-keyx7k2p");
        assertThat(imported.err()).contains("DEMO key");
        var stored = client.secrets().inNamespace("keys-c").withName("sealed-secrets-keyx7k2p").get();
        assertThat(stored.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(stored.getMetadata().getAnnotations()).containsEntry(SealingKeys.DEMO_ANNOTATION, "true");
    }

    @Test
    void mooringUpImportsTheExamplePlatformsDemoKeyIntoTheSandboxOnlyOnce() {
        Path examples = io.mooring.cli.secrets.SealCommandTest.repositoryRoot().resolve("examples/platform");
        java.io.StringWriter out = new java.io.StringWriter();

        DemoKeys.importInto(client, examples, new java.io.PrintWriter(out, true));
        DemoKeys.importInto(client, examples, new java.io.PrintWriter(out, true));

        assertThat(out.toString()).contains("PUBLIC demo sealing key").containsOnlyOnce("Imported");
        var ring = new io.mooring.secrets.KeyRingStore(client, "mooring", io.mooring.cluster.Retrying.DEFAULT).load();
        assertThat(ring.keys()).extracting(io.mooring.secrets.SealingKey::name).contains("sealed-secrets-key-demo");
    }
}
