package io.mooring.cli.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cli.sandbox.SandboxDirectory;
import io.mooring.cli.sandbox.SandboxProcess;
import io.mooring.cluster.Kube;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which cluster a command talks to: {@code --kubeconfig}, else {@code $KUBECONFIG}, else the
 * sandbox that {@code mooring up} or {@code mooring sandbox start} runs (the default cluster of
 * Mooring, and the safer guess than a production context), else {@code ~/.kube/config}; with
 * {@code --context} or the current context.
 */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig to use (default: $KUBECONFIG, then the running sandbox's, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use (default: its current context).")
    String context;

    /** Mooring's Git cache: $XDG_CACHE_HOME/mooring/git, else ~/.cache/mooring/git. */
    public static Path gitCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mooring").resolve("git");
    }

    public KubernetesClient connect() {
        return Kube.connect(kubeconfig(), context, null);
    }

    /** The kubeconfig file in use, or null when none is found. */
    public Path kubeconfig() {
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw new IllegalArgumentException("kubeconfig " + kubeconfig + " does not exist");
            }
            return kubeconfig;
        }
        String environment = System.getenv("KUBECONFIG");
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.split(java.io.File.pathSeparator)[0]);
        }
        if (SandboxProcess.find(SandboxDirectory.of(null)) instanceof SandboxProcess.Running sandbox) {
            return Path.of(sandbox.record().kubeconfig());
        }
        Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        if (Files.isRegularFile(home)) {
            return home;
        }
        throw new IllegalArgumentException("no cluster: pass --kubeconfig, set KUBECONFIG, or start the sandbox with 'mooring up' or 'mooring sandbox start'");
    }
}
