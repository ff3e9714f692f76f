package io.mooring.web;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.controller.ApplicationController;
import io.mooring.controller.ControllerSettings;
import io.mooring.git.GitRepositories;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sync.Renderings;
import io.mooring.testing.GitRepo;
import io.mooring.web.auth.ApiTokens;
import io.mooring.web.auth.Role;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.store.ClusterState;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane as {@code mooring up} runs it, once for every web test of a run: a sandbox, a
 * Git repository with two Applications ({@code web}: automated, a Deployment and a ConfigMap;
 * {@code batch}: manual, a ConfigMap), the controller, the HTTP server on a free port with OIDC
 * against a real provider (mock-oauth2-server), and an API token per role. Test classes take it as
 * a parameter ({@code @ExtendWith(WebFixture.Extension.class)}); JUnit closes it at the end.
 */
public final class WebFixture implements ExtensionContext.Store.CloseableResource {
    public static final String NAMESPACE = "mooring";
    public static final int WEBHOOK_LIMIT = 64 * 1024;

    public final Path dir;
    public final Sandbox sandbox;
    public final KubernetesClient client;
    public final GitRepo repo;
    public final ApplicationController controller;
    public final MicrometerMetrics metrics = new MicrometerMetrics();
    public final MockOAuth2Server oidc = new MockOAuth2Server();
    public final ControlPlaneWeb web;
    public final ClusterState state;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    /** Resolves a {@link WebFixture} parameter: one for the whole run. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == WebFixture.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(WebFixture.class, k -> new WebFixture(),
                    WebFixture.class);
        }
    }

    private WebFixture() {
        try {
            dir = Files.createTempDirectory("mooring-web-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = Kube.connect(sandbox.kubeconfig(), null, null);
        repo = new GitRepo(dir.resolve("platform"));
        repo.write("apps/web/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: 2
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec: {containers: [{name: web, image: nginx:1.27}]}
                        """)
                .write("apps/web/config.yaml", configMap("web-config", "1"))
                .write("apps/batch/config.yaml", configMap("batch-config", "0"))
                .commit("two apps");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        for (String ns : List.of("web", "batch")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        Applications applications = new Applications(client, Retrying.DEFAULT);
        Renderings renderings = new Renderings(new GitRepositories(dir.resolve("cache"), metrics), metrics);
        controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), new Retrying(4, Duration.ofMillis(20))),
                applications, renderings, ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)).withWorkers(4), metrics);
        metrics.queueDepth(controller::queued);
        controller.start();
        oidc.start();
        web = ControlPlaneWeb.start(WebSettings.defaults().withAddress("127.0.0.1", 0).withWebhookLimits(WEBHOOK_LIMIT, 8)
                        .withOidc(new WebSettings.OidcSettings(URI.create(oidc.issuerUrl("default").toString()), "mooring", "client-secret", "groups")),
                new ControlPlaneWeb.Services(client, new ApplicationActions(applications, controller.engine()), renderings::inputs, metrics,
                        List.of(new HealthRoutes.Check("controller", controller::started)), List.of()));
        state = new ClusterState(client, WebSettings.SYSTEM_NAMESPACE);
        ApiTokens apiTokens = new ApiTokens(state);
        for (Role role : Role.values()) {
            tokens.put(role, apiTokens.create("test-" + role.text(), role, null, "test", Instant.now()).token());
        }
        apply("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: web, namespace: mooring}
                spec:
                  environment: dev
                  source: {repoURL: '%s', targetRevision: main, path: apps/web}
                  destination: {namespace: web}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                """.formatted(repo.url()));
        apply("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: batch, namespace: mooring}
                spec:
                  environment: dev
                  source: {repoURL: '%s', targetRevision: main, path: apps/batch}
                  destination: {namespace: batch}
                """.formatted(repo.url()));
        apply("""
                apiVersion: mooring.io/v1alpha1
                kind: Environment
                metadata: {name: dev, namespace: mooring}
                spec: {description: Development, order: 1, promotesTo: prod}
                """);
        apply("""
                apiVersion: mooring.io/v1alpha1
                kind: Environment
                metadata: {name: prod, namespace: mooring}
                spec: {description: Production, order: 2}
                """);
    }

    public static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: '" + value + "'\n";
    }

    public void apply(String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).serverSideApply();
    }

    public URI url() {
        return web.server().url();
    }

    /** A client with the API token of {@code role}. */
    public Http as(Role role) {
        return new Http(url(), tokens.get(role));
    }

    /** A client with no credentials: a browser before signing in. */
    public Http browser() {
        return new Http(url(), null);
    }

    @Override
    public void close() {
        web.close();
        controller.close();
        oidc.shutdown();
        client.close();
        repo.close();
        sandbox.close();
    }
}
