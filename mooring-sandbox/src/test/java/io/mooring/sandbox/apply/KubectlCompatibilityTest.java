package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kubectl against the sandbox, as against a real cluster: server-side and client-side apply,
 * conflicts, the hand-over between them, replace and the three patch types, strict validation.
 * Skipped where kubectl is not on the PATH.
 */
class KubectlCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(onPath("kubectl"), "skipped: kubectl is not on the PATH");
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static Run kubectl(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", sandbox.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finishes", args).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Run ok(String stdin, String... args) throws IOException, InterruptedException {
        Run run = kubectl(stdin, args);
        assertThat(run.exit()).as("kubectl %s succeeds; stderr: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    private static JsonNode get(String resource, String name) throws IOException, InterruptedException {
        return JSON.readTree(ok(null, "get", resource, name, "-o", "json", "--show-managed-fields").out());
    }

    /**
     * The managers of the users' writes. The simulated controllers' entries are left out: they
     * write status and the revision annotation, as on a real cluster, at times the test cannot know.
     */
    private static List<String> managers(JsonNode object) {
        return StreamSupport.stream(object.at("/metadata/managedFields").spliterator(), false)
                .filter(e -> !e.path("manager").asText().equals("kube-controller-manager"))
                .map(e -> e.get("manager").asText() + "/" + e.get("operation").asText()).toList();
    }

    private static String deployment(String name, String replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: default, labels: {app: %1$s}}
                spec:
                  %2$s
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec: {containers: [{name: app, image: "%3$s"}]}
                """.formatted(name, replicas, image);
    }

    @Test
    void serverSideApplyThenReapplyWithoutAFieldRemovesIt() throws Exception {
        assertThat(ok(deployment("ssa", "replicas: 3", "nginx:1"), "apply", "--server-side", "-f", "-").out())
                .contains("deployment.apps/ssa serverside-applied");
        assertThat(get("deployment", "ssa").at("/spec/replicas").asInt()).isEqualTo(3);
        ok(deployment("ssa", "", "nginx:1"), "apply", "--server-side", "-f", "-");
        JsonNode after = get("deployment", "ssa");
        // Removed, then defaulted again as a real API server does; kubectl no longer owns it.
        assertThat(after.at("/spec/replicas").asInt()).as("kubectl stopped applying replicas: back to the default").isEqualTo(1);
        assertThat(managers(after)).containsExactly("kubectl/Apply");
        assertThat(after.at("/metadata/managedFields/0/fieldsV1/f:spec").has("f:replicas")).isFalse();
    }

    @Test
    void aSecondManagerConflictsUntilItForces() throws Exception {
        ok(deployment("shared", "replicas: 2", "nginx:1"), "apply", "--server-side", "-f", "-");
        Run conflict = kubectl(deployment("shared", "replicas: 4", "nginx:1"), "apply", "--server-side", "--field-manager=ci", "-f", "-");
        assertThat(conflict.exit()).isNotZero();
        assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas")
                .contains("--force-conflicts");
        ok(deployment("shared", "replicas: 4", "nginx:1"), "apply", "--server-side", "--field-manager=ci", "--force-conflicts", "-f", "-");
        JsonNode after = get("deployment", "shared");
        assertThat(after.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(managers(after)).containsExactlyInAnyOrder("kubectl/Apply", "ci/Apply");
    }

    @Test
    void clientSideApplyPrunesKeysAndServerSideApplyTakesOverFromIt() throws Exception {
        String first = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: handover, namespace: default}
                data: {color: blue, size: L}
                """;
        assertThat(ok(first, "apply", "-f", "-").out()).contains("configmap/handover created");
        ok(first.replace(", size: L", "").replace("blue", "red"), "apply", "-f", "-");
        JsonNode clientSide = get("configmap", "handover");
        assertThat(clientSide.get("data")).isEqualTo(JSON.readTree("{\"color\":\"red\"}"));
        assertThat(managers(clientSide)).containsExactly("kubectl-client-side-apply/Update");

        ok(first.replace(", size: L", "").replace("blue", "green"), "apply", "--server-side", "-f", "-");
        JsonNode serverSide = get("configmap", "handover");
        assertThat(serverSide.at("/data/color").asText()).as("no conflict with kubectl's own client-side apply").isEqualTo("green");
        assertThat(managers(serverSide)).as("kubectl moved the client-side apply fields to its apply entry")
                .containsExactlyInAnyOrder("kubectl/Apply", "kubectl-last-applied/Apply");
        assertThat(serverSide.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").asText())
                .contains("\"color\":\"green\"");
    }

    @Test
    void replaceAndTheThreePatchTypesAreUpdatesByTheirManagers() throws Exception {
        ok(deployment("patched", "replicas: 1", "nginx:1"), "apply", "--server-side", "-f", "-");
        ok(null, "patch", "deployment", "patched", "--type", "strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}");
        ok(null, "patch", "deployment", "patched", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
        ok(null, "patch", "deployment", "patched", "--type", "json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
        JsonNode patched = get("deployment", "patched");
        assertThat(patched.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
        assertThat(patched.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(managers(patched)).containsExactly("kubectl/Apply", "kubectl-patch/Update");

        // Without its resourceVersion: the simulated controllers write the Deployment's status meanwhile.
        ((com.fasterxml.jackson.databind.node.ObjectNode) patched.get("metadata")).remove("resourceVersion");
        String replaced = JSON.writeValueAsString(patched).replace("\"replicas\":5", "\"replicas\":6");
        ok(replaced, "replace", "-f", "-");
        JsonNode after = get("deployment", "patched");
        assertThat(after.at("/spec/replicas").asInt()).isEqualTo(6);
        assertThat(managers(after)).containsExactly("kubectl/Apply", "kubectl-patch/Update", "kubectl-replace/Update");
    }

    @Test
    void unknownFieldsAreRefusedWithTheApiServersMessages() throws Exception {
        String bad = deployment("strict", "replicass: 2", "nginx:1");
        Run created = kubectl(bad, "create", "-f", "-");
        assertThat(created.err()).contains("Deployment in version \"v1\" cannot be handled as a Deployment: "
                + "strict decoding error: unknown field \"spec.replicass\"");
        Run serverSide = kubectl(bad, "apply", "--server-side", "-f", "-");
        assertThat(serverSide.err()).contains("failed to create typed patch object (default/strict; apps/v1, Kind=Deployment): "
                + ".spec.replicass: field not declared in schema");
        ok(deployment("strict", "replicas: 2", "nginx:1"), "apply", "-f", "-");
        Run patched = kubectl(bad, "apply", "-f", "-");
        assertThat(patched.err()).contains("The request is invalid: patch: Invalid value: \"map[")
                .contains("strict decoding error: unknown field \"spec.replicass\"");
    }

    @Test
    void diffWithServerSideApplyShowsWhatWouldChange() throws Exception {
        ok(deployment("diffed", "replicas: 1", "nginx:1"), "apply", "--server-side", "-f", "-");
        Run diff = kubectl(deployment("diffed", "replicas: 2", "nginx:1"), "diff", "--server-side", "-f", "-");
        assertThat(diff.exit()).as("kubectl diff exits 1 when there are differences; stderr: %s", diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("-  replicas: 1").contains("+  replicas: 2");
        assertThat(get("deployment", "diffed").at("/spec/replicas").asInt()).as("a diff is a dry run").isEqualTo(1);
    }
}
