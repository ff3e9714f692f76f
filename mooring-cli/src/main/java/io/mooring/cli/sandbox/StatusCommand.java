package io.mooring.cli.sandbox;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code mooring sandbox status}: whether it runs, where, and what it holds. Exit 1 when none runs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Say whether the sandbox runs, where, and how many objects, nodes and pods it holds.",
                "Exit code 0 when it runs, 1 when it does not."})
final class StatusCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 1;

    @Mixin
    StateOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (SandboxProcess.find(state.directory())) {
            case SandboxProcess.NotRunning(var directory, var stale) -> {
                out.println("No sandbox runs in " + directory.path() + "."
                        + (stale == null ? "" : " The last one (pid " + stale.pid() + ") ended without stopping: was it killed?"));
                out.println("Start one with: mooring sandbox start" + state.argument());
                out.flush();
                return NOT_RUNNING;
            }
            case SandboxProcess.Running running -> {
                SandboxRecord record = running.record();
                ClusterCounts counts = ClusterCounts.of(record.url());
                out.println("The sandbox runs (up " + uptime(Duration.between(Instant.parse(record.startedAt()), Instant.now())) + ").");
                SandboxInfo.print(out, record);
                out.println("  holds:      " + counts.objects() + " objects: " + counts.namespaces() + " namespaces, "
                        + counts.nodes() + " nodes, " + counts.pods() + " pods (" + counts.readyPods() + " ready)");
                SandboxInfo.printUsage(out, record, state.argument(), "kubectl get pods -A");
                out.flush();
                return 0;
            }
        }
    }

    /** {@code 45s}, {@code 3m 12s}, {@code 2h 5m}. */
    static String uptime(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
