package io.mooring.cli.app;

import io.mooring.app.ApplicationActions;
import io.mooring.sync.PolicyVerdict;
import io.mooring.sync.SyncEvent;
import io.mooring.sync.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code mooring app sync NAME}. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sync an Application now: render, apply wave by wave (each healthy before the next), prune.",
                "Prints each step as it happens. Exit code 0 when the sync succeeded, 1 when it failed."})
final class AppSyncCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Option(names = "--revision", paramLabel = "REV", description = "Sync this branch, tag or commit instead of the Application's own.")
    String revision;

    @Option(names = "--dry-run", description = "Send everything as a server-side dry run: validated, nothing changed.")
    boolean dryRun;

    @Option(names = "--prune", negatable = true, description = "Delete owned objects that left Git (default: the Application's syncPolicy).")
    Boolean prune;

    @Option(names = "--confirm-prune", description = "Go ahead with a prune above the Application's pruneConfirmThreshold.")
    boolean confirmPrune;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long each wave may take to become healthy (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext context = new AppContext(target.kube).withCredentialsOf(target.namespace)) {
            SyncResult result = context.actions.sync(target.namespace, target.name,
                    new ApplicationActions.SyncRequest(revision, dryRun, prune, confirmPrune, parse(timeout)), "cli", event -> progress(out, event));
            return report(target.name, result, out);
        }
    }

    /** Prints how the sync ended; the exit code. */
    static int report(String name, SyncResult result, PrintWriter out) {
        String revisionText = result.commit() == null ? "" : " at " + result.commit().shortSha() + " (" + result.commit().message() + ")";
        out.println((result.succeeded() ? "Synced " : "Sync failed for ") + name + revisionText + ": " + result.message());
        out.flush();
        return result.succeeded() ? 0 : 1;
    }

    static void progress(PrintWriter out, SyncEvent event) {
        switch (event) {
            case SyncEvent.Checked c -> {
                for (PolicyVerdict.Violation v : c.verdict().violations()) {
                    out.println("  " + (v.result().blocks() ? "blocked by " : "warning    ") + v);
                }
            }
            case SyncEvent.WaveStarted w when w.steps() > 0 -> out.println("wave " + (w.wave() == Integer.MIN_VALUE ? "0 (namespaces, CRDs)" : w.wave())
                    + ": " + w.steps() + " to apply");
            case SyncEvent.WaveStarted w -> { }
            case SyncEvent.Applied a -> out.println("  " + (a.before() == io.mooring.diff.DiffState.MISSING ? "created    " : "configured ") + a.key());
            case SyncEvent.Waiting w -> out.println("  waiting    " + w.key() + ": " + w.health().status().text()
                    + (w.health().message().isEmpty() ? "" : " (" + w.health().message() + ")"));
            case SyncEvent.Pruned p -> out.println("  pruned     " + p.key());
        }
        out.flush();
    }

    static Duration parse(String text) {
        return io.mooring.config.GoDuration.parse(text);
    }
}
