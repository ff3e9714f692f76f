package io.mooring.cli.sandbox;

import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxException;
import io.mooring.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mooring sandbox start}: in the background by default (a JVM of its own that outlives the
 * command), or in this process with {@code --foreground} until Ctrl-C.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start the sandbox in the background and print how to reach it.",
                "If one already runs in the directory, print how to reach that one."})
final class StartCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The API's port on 127.0.0.1; 0 (the default) picks a free one.")
    int port;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "How many simulated nodes a new cluster gets (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--foreground", description = "Run in this process until Ctrl-C (or SIGTERM) stops it.")
    boolean foreground;

    @Mixin
    StateOption state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port takes 0 (a free port) to 65535, not " + port);
        }
        if (nodes < 0) {
            throw new ParameterException(spec.commandLine(), "--nodes takes 0 or more, not " + nodes);
        }
        SandboxDirectory directory = state.directory();
        PrintWriter out = spec.commandLine().getOut();
        SandboxProcess.Lookup found = SandboxProcess.find(directory);
        if (found instanceof SandboxProcess.Running running) {
            if (foreground) {
                throw new SandboxException("a sandbox already runs in " + directory.path() + " (pid " + running.record().pid()
                        + "); stop it first: mooring sandbox stop" + state.argument());
            }
            out.println("The sandbox already runs; its options stay as they were started.");
            report(out, running.record());
            return 0;
        }
        if (found instanceof SandboxProcess.NotRunning(var dir, var stale) && stale != null && stale.stateFile() != null) {
            spec.commandLine().getErr().println("warning: the last sandbox in " + dir.path()
                    + " ended without stopping (killed?): its objects are as of its last save");
        }
        if (foreground) {
            runInForeground(directory, out);
            return 0;
        }
        SandboxProcess.Running running = SandboxProcess.startDetached(directory, port, nodes);
        out.println("Started the sandbox in the background (its log: " + directory.log() + ").");
        report(out, running.record());
        return 0;
    }

    private void report(PrintWriter out, SandboxRecord record) {
        SandboxInfo.print(out, record);
        SandboxInfo.printUsage(out, record, state.argument(), "kubectl get nodes");
        out.flush();
    }

    /** Runs the sandbox here; a shutdown hook (Ctrl-C, SIGTERM from {@code stop}) closes it cleanly. */
    private void runInForeground(SandboxDirectory directory, PrintWriter out) throws InterruptedException {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(port).withNodes(nodes)
                .withState(directory.persistent() ? directory.path() : null)
                .withKubeconfig(directory.kubeconfig()));
        ProcessHandle self = ProcessHandle.current();
        SandboxRecord record = new SandboxRecord(self.pid(), SandboxRecord.startOf(self), sandbox.url(),
                sandbox.kubeconfig().toString(), sandbox.stateFile().map(Object::toString).orElse(null),
                SandboxOptions.DEFAULT_SAVE_INTERVAL.toSeconds(), Instant.now().toString());
        record.write(directory.record());
        PrintWriter err = spec.commandLine().getErr();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping the sandbox...");
            err.flush();
            sandbox.close();
            removeRecordOf(directory, self.pid());
            err.println("stopped" + (record.stateFile() == null ? "" : "; objects saved to " + record.stateFile()));
            err.flush();
        }, "sandbox-stop"));
        out.println("The sandbox runs in this process; Ctrl-C stops it.");
        report(out, record);
        new CountDownLatch(1).await();
    }

    /** Removes the record unless another sandbox has replaced it since. */
    private static void removeRecordOf(SandboxDirectory directory, long pid) {
        try {
            if (SandboxRecord.read(directory.record()).map(r -> r.pid() == pid).orElse(false)) {
                Files.deleteIfExists(directory.record());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
