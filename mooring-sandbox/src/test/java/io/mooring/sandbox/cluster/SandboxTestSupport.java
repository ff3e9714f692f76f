package io.mooring.sandbox.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A sandbox per test class, a fabric8 client on its kubeconfig, and kubectl when it is installed. */
public abstract class SandboxTestSupport {
    protected static Sandbox sandbox;
    protected static KubernetesClient client;

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
    }

    @AfterAll
    static void stopSandbox() {
        client.close();
        sandbox.close();
    }

    /** The result of a kubectl run. */
    protected record Kubectl(int exitCode, String stdout, String stderr) {
    }

    /** Runs kubectl against the sandbox; the test is skipped where kubectl is not installed. */
    protected static Kubectl kubectl(String stdin, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(kubectlInstalled(), "kubectl is not on the PATH");
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", sandbox.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Kubectl(process.exitValue(), out, err);
    }

    private static boolean kubectlInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }
}
