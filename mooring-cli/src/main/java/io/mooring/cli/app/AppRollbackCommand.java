package io.mooring.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.app.ApplicationStatus;
import io.mooring.config.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
        try (AppContext context = new AppContext(target.kube).withCredentialsOf(target.namespace)) {
            ObjectNode resource = context.resource(target.namespace, target.name);
            Application application = context.application(resource);
            if (application.spec().syncPolicy().automated()) {
                throw new IllegalArgumentException("rollback of " + target.name + " refused: it syncs automatically, and the controller would "
                        + "sync Git's revision back; remove spec.syncPolicy.automated first, or revert the commit in Git");
            }
            JsonNode entry = ApplicationStatus.history(resource.path("status")).stream()
                    .filter(h -> h.path("id").asLong() == id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no history entry " + id + " for " + target.name
                            + " (see 'mooring app history " + target.name + "')"));
            String revision = entry.path("revision").asText();
            spec.commandLine().getOut().println("Rolling " + target.name + " back to " + AppListCommand.shortSha(revision) + " ("
                    + entry.path("message").asText() + ")");
            AppSyncCommand sync = new AppSyncCommand();
            sync.target = target;
            sync.timeout = "5m";
            return sync.run(context, resource, application, revision, "rollback to " + id, spec.commandLine().getOut());
        }
    }
}
