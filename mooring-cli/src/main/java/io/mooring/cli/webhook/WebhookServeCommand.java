package io.mooring.cli.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.admission.NamespaceLabels;
import io.mooring.admission.PolicyReviewer;
import io.mooring.admission.WebhookCertificates;
import io.mooring.admission.WebhookServer;
import io.mooring.cli.app.KubeOptions;
import io.mooring.cluster.Kube;
import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicySet;
import io.mooring.resource.ManifestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mooring policy webhook serve}: the admission webhook, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the policies as a validating admission webhook over HTTPS (POST /validate, GET /healthz) until stopped.",
                "A rule whose action is Enforce that fails (or cannot be evaluated) refuses the request with the policy's message;",
                "Audit failures come back as warnings. The policies are read once, at start: restart to change them."})
final class WebhookServeCommand implements Callable<Integer> {
    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "The directory (or file) of Kyverno ClusterPolicy/Policy documents.")
    Path policies;

    @Option(names = "--address", defaultValue = "0.0.0.0", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "8443", description = "The port to listen on; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cert-dir", paramLabel = "DIR",
            description = "Where tls.crt and tls.key are (a mounted TLS Secret, or 'mooring policy webhook certs --out DIR').")
    Path certDir;

    @Option(names = "--tls-cert-file", paramLabel = "FILE", description = "The serving certificate (then its chain), instead of --cert-dir.")
    Path certFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "Its private key (RSA or EC), instead of --cert-dir.")
    Path keyFile;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "" + WebhookServer.DEFAULT_MAX_BODY,
            description = "The largest request body accepted (default: ${DEFAULT-VALUE}, room for an UPDATE of an object at the API server's limit).")
    int maxBody;

    @Option(names = "--namespace-labels",
            description = "Read the namespaces' labels from the cluster (--kubeconfig, or the pod's service account), for policies that select "
                    + "by namespaceSelector; needs get, list and watch on namespaces. Without it such rules select nothing.")
    boolean namespaceLabels;

    @Mixin
    KubeOptions kube;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path cert = certFile;
        Path key = keyFile;
        if (certDir != null) {
            if (cert != null || key != null) {
                throw new ParameterException(spec.commandLine(), "give --cert-dir or --tls-cert-file with --tls-private-key-file, not both");
            }
            cert = certDir.resolve(WebhookCertificates.CERT_FILE);
            key = certDir.resolve(WebhookCertificates.KEY_FILE);
        } else if (cert == null || key == null) {
            throw new ParameterException(spec.commandLine(), "the webhook serves HTTPS only: give --cert-dir, or --tls-cert-file and "
                    + "--tls-private-key-file (make them with 'mooring policy webhook certs')");
        }
        for (Path file : new Path[] {cert, key}) {
            if (!Files.isRegularFile(file)) {
                throw new ManifestException(file.toString(), 0, "no such file", "make the certificates with 'mooring policy webhook certs'");
            }
        }
        SSLContext tls;
        try {
            tls = WebhookCertificates.sslContext(cert, key);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
        PolicySet policySet = PolicyLoader.load(policies);
        KubernetesClient client = namespaceLabels ? connect() : null;
        NamespaceLabels labels = client == null ? null : NamespaceLabels.watch(client);
        PolicyReviewer reviewer = labels == null ? new PolicyReviewer(policySet) : new PolicyReviewer(policySet, labels);
        WebhookServer server = WebhookServer.start(new InetSocketAddress(address, port), tls, reviewer, maxBody);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(stopped::countDown, "mooring-webhook-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        PrintWriter err = spec.commandLine().getErr();
        err.println("mooring webhook: " + policySet.policies().size() + " policies from " + policies + " at https://" + address + ":"
                + server.port() + WebhookServer.PATH + (labels == null ? "" : ", namespace labels from the cluster"));
        err.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped by whoever runs it in-process
        } finally {
            server.close();
            if (labels != null) {
                labels.close();
                client.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
        return 0;
    }

    /** The cluster the kubeconfig names; in a pod without one, the pod's own (its service account). */
    private KubernetesClient connect() {
        try {
            return kube.connect();
        } catch (IllegalArgumentException e) {
            if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
                throw e;
            }
            return Kube.connect(null, null, null);
        }
    }
}
