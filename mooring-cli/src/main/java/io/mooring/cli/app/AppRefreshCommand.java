package io.mooring.cli.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring app refresh NAME}: what a Git webhook does, by hand. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Ask the controller to fetch Git and compare now instead of at its next poll.")
final class AppRefreshCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AppContext context = new AppContext(target.kube)) {
            context.actions.refresh(target.namespace, target.name);
            spec.commandLine().getOut().println("Refresh of " + target.namespace + "/" + target.name + " requested.");
            return 0;
        }
    }
}
