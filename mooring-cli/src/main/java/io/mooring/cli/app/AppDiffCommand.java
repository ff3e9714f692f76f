package io.mooring.cli.app;

import io.mooring.plan.SyncPlan;
import io.mooring.resource.ResourceKey;
import io.mooring.sync.Comparison;
import io.mooring.sync.SourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code mooring app diff NAME}: exit codes as {@code kubectl diff}'s, so that CI can gate on them. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the cluster differs from Git for an Application, as a unified diff (Secret values masked).",
                "Exit code: 0 no differences, 1 differences, 2 the comparison failed (Git, render or cluster)."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:no differences", "1:differences found", "2:the comparison failed"})
final class AppDiffCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Option(names = "--revision", paramLabel = "REV", description = "Compare this branch, tag or commit instead of the Application's own.")
    String revision;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext context = new AppContext(target.kube).withCredentialsOf(target.namespace)) {
            Comparison comparison;
            try {
                comparison = context.engine.compare(context.application(context.resource(target.namespace, target.name)), revision);
            } catch (SourceException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
            boolean differs = false;
            for (SyncPlan.Wave wave : comparison.plan().waves()) {
                for (SyncPlan.Step step : wave.steps()) {
                    if (step.changes()) {
                        out.print(step.diff().unified());
                        differs = true;
                    }
                }
            }
            for (ResourceKey key : comparison.plan().prune()) {
                out.println("--- live/" + key);
                out.println("+++ (deleted: no longer in Git" + (comparison.plan().pruning().decision() == SyncPlan.Pruning.Decision.ALLOWED
                        ? ")" : "; " + comparison.plan().pruning().reason() + ")"));
                differs = true;
            }
            out.flush();
            return differs ? 1 : 0;
        }
    }
}
