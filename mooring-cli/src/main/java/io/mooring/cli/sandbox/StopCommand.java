package io.mooring.cli.sandbox;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code mooring sandbox stop}: stops the background sandbox cleanly (it saves its objects first). */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the sandbox; with --state its objects are saved first.",
                "Stopping when none runs is not an error."})
final class StopCommand implements Callable<Integer> {
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
                        + (stale == null ? "" : " (The last one, pid " + stale.pid() + ", ended without stopping; its record is removed.)"));
            }
            case SandboxProcess.Running running -> {
                SandboxProcess.stop(running);
                SandboxRecord record = running.record();
                out.println("Stopped the sandbox (pid " + record.pid() + "). " + (record.stateFile() == null
                        ? "Its objects were in memory only and are gone."
                        : "Its objects are saved in " + record.stateFile() + "; start it again with: mooring sandbox start" + state.argument()));
            }
        }
        out.flush();
        return 0;
    }
}
