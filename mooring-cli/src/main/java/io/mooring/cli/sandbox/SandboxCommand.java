package io.mooring.cli.sandbox;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring sandbox start|stop|status}: the embedded cluster, run in the background. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run the sandbox: a local Kubernetes API server with simulated nodes and workloads (docs/sandbox.md).",
                "kubectl and Mooring use it through the kubeconfig it writes."},
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class})
public final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code mooring sandbox} alone lists its commands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
