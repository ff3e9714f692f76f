package io.mooring.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sync.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code mooring app rollback NAME ID}: syncs the revision of an earlier history entry. Refused
 * while automated sync is on, as Argo CD refuses it: the controller would sync Git's revision back
 * at once, and the user would believe the rollback held.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Sync the revision of an earlier sync (an ID from 'mooring app history').",
                "Refused while the Application syncs automatically: turn spec.syncPolicy.automated off first, "
                        + "or revert the commit in Git, which is the GitOps way."})
final class AppRollbackCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Parameters(index = "1", paramLabel = "ID", description = "The history entry to go back to.")
    long id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext context = new AppContext(target.kube).withCredentialsOf(target.namespace)) {
            JsonNode entry = context.actions.rollbackTarget(context.resource(target.namespace, target.name), id);
            out.println("Rolling " + target.name + " back to " + AppListCommand.shortSha(entry.path("revision").asText()) + " ("
                    + entry.path("message").asText() + ")");
            SyncResult result = context.actions.rollback(target.namespace, target.name, id, "cli", event -> AppSyncCommand.progress(out, event));
            return AppSyncCommand.report(target.name, result, out);
        }
    }
}
