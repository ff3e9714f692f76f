package io.mooring.cli.secrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring secrets}: the cluster's sealing keys. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage the sealing keys of a cluster.",
        subcommands = KeysCommand.class)
public final class SecretsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
