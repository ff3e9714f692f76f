package io.mooring.cli;

import io.mooring.cli.sandbox.SandboxCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The {@code mooring} command: exit code 0 ok, 1 a failed render or check, 2 a usage error. */
@Command(name = "mooring", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "GitOps for Kubernetes: render, guard, plan, apply and observe what Git says.",
        subcommands = {RenderCommand.class, UpCommand.class, SandboxCommand.class, io.mooring.cli.app.AppCommand.class,
                ControllerCommand.class, PolicyCommand.class, io.mooring.cli.secrets.SealCommand.class,
                io.mooring.cli.secrets.UnsealCommand.class, io.mooring.cli.secrets.SecretsCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what happens (debug level) and print stack traces of unexpected errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine()
                // Manifests are UTF-8 whatever the locale says, as kubectl prints them.
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }

    /** The command with Mooring's error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new Main())
                .setExecutionStrategy(new VerboseAwareExecution())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /** {@code mooring} alone prints its help, as kubectl does. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
