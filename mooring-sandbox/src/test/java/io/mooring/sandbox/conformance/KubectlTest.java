package io.mooring.sandbox.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * kubectl, the client every user has, against the server: discovery, server-side printing,
 * server-side apply, watches ({@code get -w}, {@code delete --wait}) and the scale subresource.
 * Skipped when kubectl is not on the PATH.
 */
class KubectlTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    @TempDir
    static Path cache;

    @BeforeAll
    static void kubectlIsThere() {
        boolean found;
        try {
            found = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assumeThat(found).as("kubectl is not on the PATH").isTrue();
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString(),
                "--cache-dir", cache.toString(), "-n", cluster.namespace()));
        command.addAll(List.of(args));
        return command;
    }

    private static Result kubectl(String... args) {
        try {
            Process process = new ProcessBuilder(command(args)).start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish: " + out.getNow("") + err.getNow(""));
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (Exception e) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed to run", e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private static Path file(String name, String content) throws IOException {
        Path file = cache.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void create(String json) {
        RawApi.Reply reply = cluster.raw().post(pathFor(json), json);
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private static String pathFor(String json) {
        String ns = cluster.namespace();
        if (json.contains("\"Deployment\"")) {
            return "/apis/apps/v1/namespaces/" + ns + "/deployments";
        }
        if (json.contains("\"Pod\"")) {
            return "/api/v1/namespaces/" + ns + "/pods";
        }
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private static String deployment(String name) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%1$s"},
                 "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "%1$s"}},
                  "template": {"metadata": {"labels": {"app": "%1$s"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """.formatted(name);
    }

    @Test
    void apiResourcesListsKindsWithShortNamesAndScope() {
        Result result = kubectl("api-resources");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod\\s*$")
                .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\s*$")
                .containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace\\s*$");
    }

    @Test
    void getPrintsTheServersColumns() {
        create("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kc-printed"}, "data": {"a": "1"}}
                """);

        Result result = kubectl("get", "configmaps");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("NAME\\s+DATA\\s+AGE").containsPattern("kc-printed\\s+1\\s+\\d+s");
    }

    @Test
    void getWideAddsThePriorityColumns() {
        create("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kc-wide"},
                 "spec": {"nodeSelector": {"conformance.mooring.io/nowhere": "true"}, "containers": [{"name": "main", "image": "busybox:1.36"}]}}
                """);

        Result result = kubectl("get", "pods", "-o", "wide");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES");
    }

    @Test
    void getAllFollowsTheAllCategory() {
        create(deployment("kc-all"));

        Result result = kubectl("get", "all");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).contains("deployment.apps/kc-all");
    }

    @Test
    void getOneObjectAsYaml() {
        create("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kc-yaml"}, "data": {"a": "1"}}
                """);

        Result result = kubectl("get", "configmap", "kc-yaml", "-o", "yaml");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).contains("name: kc-yaml").contains("a: \"1\"").contains("resourceVersion:");
    }

    @Test
    void serverSideApplyCreatesThenUpdates() throws IOException {
        Path manifest = file("applied.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kc-applied
                data:
                  color: blue
                """);

        Result created = kubectl("apply", "--server-side", "-f", manifest.toString());
        Files.writeString(manifest, Files.readString(manifest).replace("blue", "green"));
        Result updated = kubectl("apply", "--server-side", "-f", manifest.toString());

        assertThat(created.exit()).as("%s", created).isZero();
        assertThat(created.out()).contains("configmap/kc-applied serverside-applied");
        assertThat(updated.exit()).as("%s", updated).isZero();
        assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("kc-applied").get().getData())
                .containsEntry("color", "green");
    }

    @Test
    void clientSideCreateLabelAndPatch() throws IOException {
        Path manifest = file("created.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kc-created
                data:
                  a: "1"
                """);

        Result created = kubectl("create", "-f", manifest.toString());
        Result labelled = kubectl("label", "configmap", "kc-created", "color=blue");
        Result patched = kubectl("patch", "configmap", "kc-created", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}");

        assertThat(created.exit()).as("%s", created).isZero();
        assertThat(labelled.exit()).as("%s", labelled).isZero();
        assertThat(patched.exit()).as("%s", patched).isZero();
        var map = cluster.client().configMaps().inNamespace(cluster.namespace()).withName("kc-created").get();
        assertThat(map.getMetadata().getLabels()).containsEntry("color", "blue");
        assertThat(map.getData()).containsEntry("a", "1").containsEntry("b", "2");
    }

    @Test
    void imperativeCreateCommandsSendProtobufAndWork() {
        Result map = kubectl("create", "configmap", "kc-imperative", "--from-literal=a=b", "--from-literal=empty=");
        Result secret = kubectl("create", "secret", "generic", "kc-imperative", "--from-literal=p=q");
        Result deployment = kubectl("create", "deployment", "kc-imperative", "--image=nginx:1.27", "--replicas=0");
        Result account = kubectl("create", "serviceaccount", "kc-robot");

        for (Result result : List.of(map, secret, deployment, account)) {
            assertThat(result.exit()).as("%s", result).isZero();
        }
        var client = cluster.client();
        assertThat(client.configMaps().inNamespace(cluster.namespace()).withName("kc-imperative").get().getData())
                .containsEntry("a", "b").as("an empty value is a value").containsEntry("empty", "");
        assertThat(client.secrets().inNamespace(cluster.namespace()).withName("kc-imperative").get().getData()).containsEntry("p", "cQ==");
        var created = client.apps().deployments().inNamespace(cluster.namespace()).withName("kc-imperative").get();
        assertThat(created.getSpec().getReplicas()).as("an explicit 0 survives the protobuf zero values").isZero();
        assertThat(created.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27");
        assertThat(created.getSpec().getTemplate().getSpec().getContainers().getFirst().getImagePullPolicy())
                .as("a zero value Go sends is no value").isIn(null, "IfNotPresent");
    }

    @Test
    void authCanIAndWhoAmIAnswer() {
        Result canI = kubectl("auth", "can-i", "create", "configmaps");
        Result whoami = kubectl("auth", "whoami");

        assertThat(canI.out().strip()).as("%s", canI).isEqualTo("yes");
        assertThat(whoami.exit()).as("%s", whoami).isZero();
        assertThat(whoami.out()).contains("Username");
    }

    @Test
    void deleteWaitsUntilTheObjectIsGone() throws Exception {
        create("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kc-held", "finalizers": ["conformance.mooring.io/hold"]}}
                """);
        Process delete = new ProcessBuilder(command("delete", "configmap", "kc-held", "--timeout=30s")).redirectErrorStream(true).start();
        CompletableFuture<String> output = read(delete.getInputStream());

        boolean waited = !delete.waitFor(2, TimeUnit.SECONDS);
        cluster.raw().patch("/api/v1/namespaces/" + cluster.namespace() + "/configmaps/kc-held", "application/merge-patch+json",
                "{\"metadata\": {\"finalizers\": null}}");
        boolean finished = delete.waitFor(20, TimeUnit.SECONDS);

        assertThat(waited).as("kubectl waits while a finalizer holds the object").isTrue();
        assertThat(finished).as("and returns once it is gone: %s", output.getNow("")).isTrue();
        assertThat(delete.exitValue()).as("%s", output.get()).isZero();
        assertThat(output.get()).contains("configmap \"kc-held\" deleted");
    }

    @Test
    void getWatchPrintsNewRows() throws Exception {
        Process watch = new ProcessBuilder(command("get", "configmaps", "-w")).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder all = new StringBuilder();
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        all.append(line).append('\n');
                        if (line.startsWith("kc-watched")) {
                            return all.toString();
                        }
                    }
                    return all.toString();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            Thread.sleep(1500);
            create("""
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kc-watched"}}
                    """);

            String output = seen.get(20, TimeUnit.SECONDS);

            assertThat(output).containsPattern("(?m)^kc-watched\\s+0\\s+\\d+s");
        } finally {
            watch.destroy();
        }
    }

    @Test
    void scaleUsesTheScaleSubresource() {
        create(deployment("kc-scaled"));

        Result result = kubectl("scale", "deployment", "kc-scaled", "--replicas=0", "--current-replicas=0");
        Result scaled = kubectl("scale", "deployment", "kc-scaled", "--replicas=2");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(scaled.exit()).as("%s", scaled).isZero();
        assertThat(scaled.out()).contains("deployment.apps/kc-scaled scaled");
        assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("kc-scaled").get().getSpec().getReplicas())
                .isEqualTo(2);
        kubectl("scale", "deployment", "kc-scaled", "--replicas=0");
    }

    @Test
    void logsOfASimulatedPodSayWhyThereAreNone() {
        assumeThat(cluster.isSandbox()).as("a real cluster has real logs").isTrue();
        create("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kc-logs"},
                 "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]}}
                """);

        Result result = kubectl("logs", "kc-logs");

        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).as("%s", result).contains("sandbox").contains("kc-logs");
    }
}
