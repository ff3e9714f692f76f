package io.mooring.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring app get NAME}. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show an Application: source, sync state, health, conditions, last operation and its resources.")
final class AppGetCommand implements Callable<Integer> {
    @Mixin
    AppTarget target;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table, yaml or json (the whole object).")
    AppOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AppContext context = new AppContext(target.kube)) {
            ObjectNode resource = context.resource(target.namespace, target.name);
            PrintWriter out = spec.commandLine().getOut();
            if (output.structured()) {
                output.print(out, resource);
                return 0;
            }
            JsonNode source = resource.path("spec").path("source");
            JsonNode status = resource.path("status");
            line(out, "Name", target.namespace + "/" + target.name);
            line(out, "Environment", resource.path("spec").path("environment").asText(""));
            line(out, "Repository", source.path("repoURL").asText());
            line(out, "Path", source.path("path").asText("."));
            line(out, "Target", source.path("targetRevision").asText("HEAD"));
            line(out, "Destination", resource.path("spec").path("destination").path("namespace").asText(""));
            JsonNode automated = resource.path("spec").path("syncPolicy").path("automated");
            line(out, "Sync policy", automated.isMissingNode() || automated.isNull() ? "manual"
                    : "automated" + (automated.path("prune").asBoolean() ? ", prune" : "") + (automated.path("selfHeal").asBoolean() ? ", self-heal" : ""));
            line(out, "Sync status", status.path("sync").path("status").asText("Unknown") + " to "
                    + AppListCommand.shortSha(status.path("sync").path("revision").asText("?")));
            line(out, "Health", status.path("health").path("status").asText("Unknown")
                    + (status.path("health").has("message") ? " (" + status.path("health").path("message").asText() + ")" : ""));
            JsonNode operation = status.path("operationState");
            if (!operation.isMissingNode()) {
                line(out, "Last sync", operation.path("phase").asText() + " at " + operation.path("finishedAt").asText() + ": "
                        + operation.path("message").asText());
            }
            for (JsonNode condition : status.path("conditions")) {
                line(out, "Condition", condition.path("type").asText() + ": " + condition.path("message").asText());
            }
            JsonNode policy = status.path("policy");
            if (!policy.isMissingNode()) {
                printPolicy(out, policy);
            }
            out.println();
            Table table = new Table("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "MESSAGE");
            for (JsonNode r : status.path("resources")) {
                table.row(r.path("group").asText(""), r.path("kind").asText(), r.path("namespace").asText(""), r.path("name").asText(),
                        r.path("status").asText() + (r.path("requiresPruning").asBoolean() ? " (prune)" : ""),
                        r.path("health").path("status").asText(""), r.path("health").path("message").asText(""));
            }
            table.print(out);
            return 0;
        }
    }

    /** The guard's verdict: a summary line, then each violation (blocking first) with its policy, rule, object and file. */
    private static void printPolicy(PrintWriter out, JsonNode policy) {
        String result = policy.path("result").asText();
        if (policy.has("message")) {
            line(out, "Policies", result + ": " + policy.path("message").asText());
            return;
        }
        List<String> sources = new ArrayList<>();
        policy.path("sources").forEach(s -> sources.add(s.asText()));
        line(out, "Policies", result + ": " + policy.path("policies").asInt() + " policies (" + String.join(", ", sources) + ") on "
                + policy.path("objects").asInt() + " objects, " + policy.path("blocking").asInt() + " blocking, "
                + policy.path("warnings").asInt() + " warnings");
        if (policy.path("violations").isEmpty()) {
            return;
        }
        out.println();
        Table table = new Table("ACTION", "POLICY", "RULE", "RESOURCE", "SOURCE", "MESSAGE");
        for (JsonNode v : policy.path("violations")) {
            String namespace = v.path("namespace").asText("");
            table.row(v.path("action").asText().equals("Enforce") ? "block" : "warn", v.path("policy").asText(), v.path("rule").asText(),
                    v.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + v.path("name").asText(),
                    v.path("source").asText(""), v.path("message").asText());
        }
        table.print(out);
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("%-14s%s%n", label + ":", value);
    }
}
