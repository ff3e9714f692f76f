package io.mooring.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mooring.app.ApplicationStatus;
import io.mooring.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring app history NAME}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List an Application's syncs (the last " + ApplicationStatus.HISTORY_LIMIT + "), newest last; IDs are what rollback takes.")
final class AppHistoryCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table, yaml or json.")
    AppOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AppContext context = new AppContext(target.kube)) {
            List<JsonNode> history = context.actions.history(target.namespace, target.name);
            if (output.structured()) {
                output.print(spec.commandLine().getOut(), JsonNodeFactory.instance.arrayNode().addAll(history));
                return 0;
            }
            if (history.isEmpty()) {
                spec.commandLine().getErr().println("No syncs recorded for " + target.name + ".");
                return 0;
            }
            Table table = new Table("ID", "DEPLOYED AT", "RESULT", "REVISION", "APPLIED", "PRUNED", "AUTHOR", "MESSAGE");
            for (JsonNode entry : history) {
                table.row(entry.path("id").asText(), entry.path("deployedAt").asText(), entry.path("result").asText(),
                        AppListCommand.shortSha(entry.path("revision").asText()), entry.path("applied").asText(), entry.path("pruned").asText(),
                        entry.path("author").asText(), entry.path("message").asText());
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }
}
