package io.mooring.cli.webhook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mooring policy webhook}: the admission door. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Check objects as the API server admits them: a validating admission webhook that evaluates Kyverno policies.",
                "certs makes its TLS certificates, config its ValidatingWebhookConfiguration, serve runs it (docs/policy.md)."},
        subcommands = {WebhookServeCommand.class, WebhookConfigCommand.class, WebhookCertsCommand.class})
public final class WebhookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
