package io.mooring.cli.app;

import io.mooring.app.ApplicationDiff;
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
            ApplicationDiff diff;
            try {
                diff = context.actions.diff(target.namespace, target.name, revision);
            } catch (SourceException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
            out.print(diff.unified());
            out.flush();
            return diff.differs() ? 1 : 0;
        }
    }
}
