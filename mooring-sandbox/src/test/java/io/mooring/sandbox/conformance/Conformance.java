package io.mooring.sandbox.conformance;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API server a conformance test class talks to, over HTTP: a fresh sandbox per class, or a
 * real cluster when {@value #KUBECONFIG_VARIABLE} (or the system property
 * {@value #KUBECONFIG_PROPERTY}) names a kubeconfig, so that the same tests prove the sandbox
 * behaves as a real API server does. Each class gets a namespace of its own, deleted at the end.
 */
final class Conformance implements BeforeAllCallback, AfterAllCallback {
    static final String KUBECONFIG_VARIABLE = "MOORING_CONFORMANCE_KUBECONFIG";
    static final String KUBECONFIG_PROPERTY = "mooring.conformance.kubeconfig";
    /** How many changes the sandbox keeps for watches to resume from, small so that a test can outrun it. */
    static final int SANDBOX_WATCH_HISTORY = 200;

    private Sandbox sandbox;
    private Path kubeconfig;
    private KubernetesClient client;
    private RawApi raw;
    private String namespace;
    private final List<String> namespaces = new ArrayList<>();

    static Conformance cluster() {
        return new Conformance();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String external = System.getProperty(KUBECONFIG_PROPERTY, System.getenv(KUBECONFIG_VARIABLE));
        if (external != null && !external.isBlank()) {
            kubeconfig = Path.of(external);
        } else {
            sandbox = Sandbox.start(SandboxOptions.defaults().withWatchHistory(SANDBOX_WATCH_HISTORY));
            kubeconfig = sandbox.kubeconfig();
        }
        Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        client = new KubernetesClientBuilder().withConfig(config).build();
        raw = new RawApi(client);
        String prefix = "conf-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replace("conformancetest", "").replace("test", "");
        namespace = newNamespace(prefix);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (sandbox == null) {
                namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
            }
            client.close();
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    /** A new namespace with a generated name, deleted after the class (on a real cluster). */
    String newNamespace(String prefix) {
        Namespace created = client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withGenerateName(prefix + "-").endMetadata().build()).create();
        namespaces.add(created.getMetadata().getName());
        return created.getMetadata().getName();
    }

    KubernetesClient client() {
        return client;
    }

    RawApi raw() {
        return raw;
    }

    /** The namespace of this test class. */
    String namespace() {
        return namespace;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** Whether the tests run against the sandbox (not a real cluster): some limits can only be forced there. */
    boolean isSandbox() {
        return sandbox != null;
    }
}
