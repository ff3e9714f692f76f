package io.mooring.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring policy}: Kyverno policies, checked offline or as an admission webhook. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Check Kyverno validate policies: offline against rendered manifests (check) or Kyverno CLI test files (test),",
                "or as the API server admits objects (webhook)."},
        subcommands = {PolicyCheckCommand.class, PolicyTestCommand.class, io.mooring.cli.webhook.WebhookCommand.class})
final class PolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
