package io.mooring.cli.sandbox;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --state DIR}, shared by the sandbox commands: the start names the directory, stop and status find it again. */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR",
            description = {"Keep the cluster's objects in DIR across restarts (with its kubeconfig, log and record).",
                    "Without it the objects are in memory only, and the files go to $" + SandboxDirectory.ENVIRONMENT
                            + ", .mooring/sandbox of the Git checkout around the current directory, or ~/.mooring/sandbox.",
                    "stop and status need the same --state as start."})
    Path state;

    SandboxDirectory directory() {
        return SandboxDirectory.of(state);
    }

    /** The same option again on a command line, for the hints printed to the user. */
    String argument() {
        return state == null ? "" : " --state " + state;
    }
}
