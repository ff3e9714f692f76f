package io.mooring.cli;

import io.mooring.cli.app.AppCommand;
import io.mooring.cli.sandbox.SandboxCommand;
import io.mooring.cli.secrets.SealCommand;
import io.mooring.cli.secrets.SecretsCommand;
import io.mooring.cli.secrets.UnsealCommand;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** The {@code mooring} command: exit code 0 ok, 1 a failed render or check, 2 a usage error. */
@Command(name = "mooring", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "GitOps for Kubernetes: render, guard, plan, apply and observe what Git says.")
public final class Main implements Callable<Integer> {
    /**
     * The subcommands in the order the help lists them. Added in code rather than in
     * {@code @Command(subcommands)} so that a command line inspects only the one it runs
     * ({@link CommandOutline}).
     */
    static final List<Class<?>> COMMANDS = List.of(RenderCommand.class, UpCommand.class, SandboxCommand.class, AppCommand.class,
            ControllerCommand.class, PolicyCommand.class, SealCommand.class, UnsealCommand.class, SecretsCommand.class);

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what happens (debug level) and print stack traces of unexpected errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(CommandOutline.inspected(args))
                // Manifests are UTF-8 whatever the locale says, as kubectl prints them.
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }

    /** The command with every subcommand inspected and Mooring's error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        return commandLine(outline -> true);
    }

    /** The command with the subcommands {@code inspect} accepts in full and the others as outlines. */
    static CommandLine commandLine(Predicate<CommandOutline> inspect) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new Main());
        for (Class<?> command : COMMANDS) {
            CommandOutline outline = CommandOutline.of(command);
            commandLine.addSubcommand(outline.name(), inspect.test(outline) ? command : outline.spec());
        }
        return commandLine.addSubcommand(new HelpCommand())
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
