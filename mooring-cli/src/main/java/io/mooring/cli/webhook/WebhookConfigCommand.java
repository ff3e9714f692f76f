package io.mooring.cli.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.admission.ApiKinds;
import io.mooring.admission.WebhookConfiguration;
import io.mooring.admission.WebhookServer;
import io.mooring.cli.app.KubeOptions;
import io.mooring.cluster.ResourceTypes;
import io.mooring.config.GoDuration;
import io.mooring.policy.PolicyLoader;
import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.ManifestException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code mooring policy webhook config}: the ValidatingWebhookConfiguration for the webhook. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the ValidatingWebhookConfiguration that sends the API server's requests to the webhook:",
                "the kinds the policies match (and their pod controllers), whole objects only, never kube-system nor the webhook's",
                "own namespace. Apply it with kubectl apply -f -, after the webhook runs (with failurePolicy Fail, a webhook that",
                "cannot be reached refuses every matching request)."})
final class WebhookConfigCommand implements Callable<Integer> {
    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "The Kyverno policies the webhook serves.")
    Path policies;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--service", paramLabel = "NAMESPACE/NAME", required = true, description = "The Service in front of the webhook.")
        String service;

        @Option(names = "--url", paramLabel = "URL", required = true, description = "https://HOST:PORT/validate of a webhook outside the cluster.")
        String url;
    }

    @Option(names = "--port", defaultValue = "443", description = "The Service's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", defaultValue = WebhookServer.PATH, description = "The path reviews are sent to (default: ${DEFAULT-VALUE}).")
    String path;

    @ArgGroup(multiplicity = "1")
    Trust trust;

    static final class Trust {
        @Option(names = "--ca-file", paramLabel = "FILE", required = true, description = "The CA that signed the webhook's certificate (ca.crt): the caBundle.")
        Path caFile;

        @Option(names = "--cert-manager", paramLabel = "NAMESPACE/CERTIFICATE", required = true,
                description = "cert-manager's Certificate for the webhook: its CA injector fills caBundle in.")
        String certManager;
    }

    @Option(names = "--failure-policy", paramLabel = "Fail|Ignore", defaultValue = "Fail",
            description = "What the API server does when the webhook cannot answer: Fail refuses the request, Ignore lets it through "
                    + "(default: ${DEFAULT-VALUE}).")
    WebhookConfiguration.FailurePolicy failurePolicy;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long the API server waits for an answer, 1s to 30s (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--exclude-namespace", paramLabel = "NAMESPACE",
            description = "Another namespace whose requests are never sent (repeatable); kube-system and the webhook's own always are.")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--name", defaultValue = "mooring-policies", description = "The configuration's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--webhook-name", defaultValue = "validate.policies.mooring.io",
            description = "The webhook's name, which refusals show (default: ${DEFAULT-VALUE}).")
    String webhookName;

    @Option(names = "--discover", description = "Also the kinds the cluster serves (custom resources), by discovery (--kubeconfig, --context).")
    boolean discover;

    @Mixin
    KubeOptions kube;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!output.equals("yaml") && !output.equals("json")) {
            throw new ParameterException(spec.commandLine(), "-o must be yaml or json, not '" + output + "'");
        }
        Duration wait = GoDuration.parse(timeout);
        if (wait.toMillis() % 1000 != 0) {
            throw new ParameterException(spec.commandLine(), "--timeout is whole seconds (the API server's unit), not " + timeout);
        }
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add("kube-system");
        namespaces.add(target.service != null ? target.service.split("/")[0] : "mooring");
        namespaces.addAll(excluded);
        String caBundle = null;
        if (trust.caFile != null) {
            if (!Files.isRegularFile(trust.caFile)) {
                throw new ManifestException(trust.caFile.toString(), 0, "no such file", "make it with 'mooring policy webhook certs'");
            }
            caBundle = Files.readString(trust.caFile, StandardCharsets.US_ASCII);
            if (!caBundle.contains("-----BEGIN CERTIFICATE-----")) {
                throw new ManifestException(trust.caFile.toString(), 0, "is no PEM certificate", "give the CA's ca.crt");
            }
        }
        WebhookConfiguration.Settings settings;
        try {
            settings = new WebhookConfiguration.Settings(name, webhookName, target.service, port, path, target.url, caBundle,
                    trust.certManager, failurePolicy, (int) wait.toSeconds(), List.copyOf(namespaces));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ObjectNode configuration = WebhookConfiguration.generate(PolicyLoader.load(policies), settings, kinds());
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.equals("yaml") ? GoYamlWriter.write(configuration) : json(configuration));
        out.flush();
        return 0;
    }

    private List<ApiKinds.ApiKind> kinds() {
        List<ApiKinds.ApiKind> kinds = new ArrayList<>(ApiKinds.builtIn());
        if (discover) {
            try (KubernetesClient client = kube.connect()) {
                new ResourceTypes(client).all().forEach(t -> kinds.add(new ApiKinds.ApiKind(t.group(), t.version(), t.kind(), t.plural())));
            }
        }
        return kinds;
    }

    private static String json(ObjectNode node) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
    }
}
