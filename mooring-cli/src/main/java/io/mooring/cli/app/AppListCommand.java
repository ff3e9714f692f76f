package io.mooring.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring app list}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List Applications with their sync state and health.")
final class AppListCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "mooring",
            description = "The namespace of the Applications (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Applications of every namespace.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table, wide, yaml or json.")
    AppOutput output;

    @Mixin
    KubeOptions kube;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AppContext context = new AppContext(kube)) {
            List<ObjectNode> items = context.applications.list(all ? "" : namespace);
            if (output.structured()) {
                ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "List");
                list.putArray("items").addAll(items);
                output.print(spec.commandLine().getOut(), list);
                return 0;
            }
            if (items.isEmpty()) {
                spec.commandLine().getErr().println("No applications found in " + (all ? "any namespace" : "namespace " + namespace) + ".");
                return 0;
            }
            Table table = output == AppOutput.wide
                    ? new Table("NAMESPACE", "NAME", "ENVIRONMENT", "SYNC", "HEALTH", "REVISION", "REPO", "PATH", "TARGET")
                    : new Table("NAME", "ENVIRONMENT", "SYNC", "HEALTH", "REVISION");
            for (ObjectNode item : items) {
                JsonNode spec = item.path("spec");
                JsonNode status = item.path("status");
                String revision = shortSha(status.path("sync").path("revision").asText(""));
                String sync = status.path("sync").path("status").asText("Unknown");
                String health = status.path("health").path("status").asText("Unknown");
                String name = item.path("metadata").path("name").asText();
                if (output == AppOutput.wide) {
                    table.row(item.path("metadata").path("namespace").asText(), name, spec.path("environment").asText(""), sync, health,
                            revision, spec.path("source").path("repoURL").asText(), spec.path("source").path("path").asText("."),
                            spec.path("source").path("targetRevision").asText("HEAD"));
                } else {
                    table.row(name, spec.path("environment").asText(""), sync, health, revision);
                }
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
