package io.mooring.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.controller.ApplicationController;
import io.mooring.controller.ControllerSettings;
import io.mooring.git.GitRepositories;
import io.mooring.sync.Renderings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A controller in a JVM of its own, so that a test can kill it as the kernel would
 * ({@code SIGKILL}: no shutdown hook, no graceful stop) at any point of its work.
 */
public final class ControllerProcess implements AutoCloseable {
    private final Process process;

    private ControllerProcess(Process process) {
        this.process = process;
    }

    /** Starts a controller for the cluster of {@code kubeconfig}, its Git cache in {@code cache}. */
    public static ControllerProcess start(Path kubeconfig, Path cache, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ControllerProcess.class.getName(),
                kubeconfig.toString(), cache.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ControllerProcess(process);
    }

    /** Kills it at once ({@code SIGKILL}) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public static void main(String[] args) throws InterruptedException {
        KubernetesClient client = Kube.connect(Path.of(args[0]), null, null);
        ApplicationController controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT),
                new Applications(client, Retrying.DEFAULT), new Renderings(new GitRepositories(Path.of(args[1]))),
                ControllerSettings.defaults().withPollInterval(Duration.ofSeconds(2)).withWorkers(4));
        controller.start();
        Thread.currentThread().join();
    }
}
