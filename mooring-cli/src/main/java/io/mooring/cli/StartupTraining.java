package io.mooring.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the {@code ./mooring} launcher's start-up cache: runs the short commands
 * people run most (the help, a Kustomize and a plain render in YAML and JSON, a policy check) over
 * the example platform repo, in one JVM, their output thrown away. The JVM then writes the classes
 * they loaded, parsed, verified and linked into the cache, and every later {@code ./mooring} maps
 * them instead of reading them from the jar again. One JVM rather than one command so that the
 * cache holds what all of them need.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** {@code args[0]}: the example platform repo ({@code examples/platform}); exits 1 when a command failed. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining EXAMPLES_PLATFORM_DIR");
            System.exit(CommandLine.ExitCode.USAGE);
        }
        List<String> failed = run(Path.of(args[0]));
        if (!failed.isEmpty()) {
            System.err.println("start-up training: failed: " + String.join("; ", failed));
        }
        // Through System.exit as every command ends, so that the classes exiting loads are in the cache too.
        System.exit(failed.isEmpty() ? 0 : ErrorHandler.FAILED);
    }

    /** The training's command lines; those whose inputs are missing are left out. */
    static List<String[]> commands(Path platform) {
        Path kustomize = platform.resolve("apps/guestbook/overlays/dev");
        Path plain = platform.resolve("apps/namespaces");
        Path policies = platform.resolve("policies");
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"--help"});
        commands.add(new String[] {"render", "--help"});
        if (Files.isDirectory(kustomize) && Files.isDirectory(plain)) {
            commands.add(new String[] {"render", kustomize.toString()});
            commands.add(new String[] {"render", "-o", "json", plain.toString()});
            if (Files.isDirectory(policies)) {
                commands.add(new String[] {"policy", "check", "--policies", policies.toString(), kustomize.toString(), plain.toString()});
            }
        }
        return commands;
    }

    /** Runs the training's commands as {@link Main#main} would, their output thrown away; returns those that did not exit 0. */
    static List<String> run(Path platform) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        List<String> failed = new ArrayList<>();
        for (String[] command : commands(platform)) {
            if (Main.commandLine(CommandOutline.inspected(command)).setOut(discard).setErr(discard).execute(command) != 0) {
                failed.add(String.join(" ", command));
            }
        }
        return failed;
    }
}
