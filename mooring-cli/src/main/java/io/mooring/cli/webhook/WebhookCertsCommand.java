package io.mooring.cli.webhook;

import io.mooring.admission.WebhookCertificates;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring policy webhook certs}: a private CA and the webhook's serving certificate. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Make a private CA and a serving certificate for the webhook: ca.crt (the caBundle), tls.crt and tls.key",
                "(as a TLS Secret holds them). The CA's key is not kept: to renew, make new ones and regenerate the configuration.",
                "With cert-manager, skip this and let it issue the certificate (docs/policy.md)."})
final class WebhookCertsCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Names names;

    static final class Names {
        @Option(names = "--service", paramLabel = "NAMESPACE/NAME", required = true,
                description = "The Service in front of the webhook: the certificate names NAME.NAMESPACE.svc and its other forms.")
        String service;

        @Option(names = "--host", paramLabel = "NAME", required = true,
                description = "A DNS name or IP address to certify, for a webhook reached by URL (repeatable).")
        List<String> hosts;
    }

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write ca.crt, tls.crt and tls.key.")
    Path out;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "How long both stay valid (default: ${DEFAULT-VALUE}).")
    int days;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        List<String> hosts;
        if (names.service != null) {
            String[] parts = names.service.split("/");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--service must be NAMESPACE/NAME, not '" + names.service + "'");
            }
            hosts = WebhookCertificates.serviceNames(parts[1], parts[0]);
        } else {
            hosts = names.hosts;
        }
        WebhookCertificates.generate(hosts, Duration.ofDays(days), Instant.now()).write(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out.resolve(WebhookCertificates.CA_FILE) + ", " + out.resolve(WebhookCertificates.CERT_FILE) + " and "
                + out.resolve(WebhookCertificates.KEY_FILE) + " for " + String.join(", ", hosts) + ", valid " + days + " days");
        if (names.service != null) {
            String[] parts = names.service.split("/");
            stdout.println("next: kubectl -n " + parts[0] + " create secret tls " + parts[1] + "-tls --cert=" + out.resolve("tls.crt")
                    + " --key=" + out.resolve("tls.key"));
            stdout.println("      mooring policy webhook config --policies DIR --service " + names.service + " --ca-file "
                    + out.resolve("ca.crt") + " | kubectl apply -f -");
        }
        stdout.flush();
        return 0;
    }
}
