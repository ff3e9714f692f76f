package io.mooring.cli.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring app}: Applications in a cluster, as {@code argocd app} shows them. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "List, inspect, diff, sync and roll back Applications.",
        subcommands = {AppListCommand.class, AppGetCommand.class, AppDiffCommand.class, AppSyncCommand.class, AppHistoryCommand.class,
                AppRollbackCommand.class, AppRefreshCommand.class})
public final class AppCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
