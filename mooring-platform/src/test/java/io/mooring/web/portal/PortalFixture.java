package io.mooring.web.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.mooring.web.ControlPlaneWeb;
import io.mooring.web.Http;
import io.mooring.web.WebSettings;
import io.mooring.web.auth.ApiTokens;
import io.mooring.web.auth.Role;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.store.ClusterState;
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
 * The portal as {@code mooring up} serves it, once for every portal test of a run, on a sandbox of
 * its own (the API tests count the Applications of theirs): a Git repository with a service
 * {@code shop} in two environments (dev automated on image 1.1, prod manual on 1.0, never synced), a
 * manual Application {@code tools} with a Secret, an Application {@code guarded} whose source fails
 * (a status the tests may write to stays as written), the controller, the server on a free port,
 * and an API token per role.
 */
final class PortalFixture implements ExtensionContext.Store.CloseableResource {
    static final String NAMESPACE = "mooring";
    static final String SECRET_VALUE = "hunter2-never-shown";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Sandbox sandbox;
    final KubernetesClient client;
    final GitRepo repo;
    final ApplicationController controller;
    final ControlPlaneWeb web;
    final Applications applications;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PortalFixture.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(PortalFixture.class,
                    k -> new PortalFixture(), PortalFixture.class);
        }
    }

    private PortalFixture() {
        try {
            dir = Files.createTempDirectory("mooring-portal-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = Kube.connect(sandbox.kubeconfig(), null, null);
        repo = new GitRepo(dir.resolve("platform"));
        repo.write("apps/shop/dev/deployment.yaml", deployment("shop", "registry.example.com/shop/shop:1.1"))
                .write("apps/shop/prod/deployment.yaml", deployment("shop", "registry.example.com/shop/shop:1.0"))
                .write("apps/tools/config.yaml", configMap("tools-config", "1"))
                .write("apps/tools/secret.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: tools-secret}
                        stringData: {password: %s}
                        """.formatted(SECRET_VALUE))
                .commit("shop and tools");
        for (String ns : List.of(NAMESPACE, "shop-dev", "shop-prod", "tools", "guarded")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        MicrometerMetrics metrics = new MicrometerMetrics();
        applications = new Applications(client, Retrying.DEFAULT);
        Renderings renderings = new Renderings(new GitRepositories(dir.resolve("cache"), metrics), metrics);
        controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), new Retrying(4, Duration.ofMillis(20))),
                applications, renderings, ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)).withWorkers(4), metrics);
        controller.start();
        web = ControlPlaneWeb.start(WebSettings.defaults().withAddress("127.0.0.1", 0),
                new ControlPlaneWeb.Services(client, new ApplicationActions(applications, controller.engine()), renderings::inputs, metrics,
                        List.of(new HealthRoutes.Check("controller", controller::started)), List.of()));
        ApiTokens apiTokens = new ApiTokens(new ClusterState(client, WebSettings.SYSTEM_NAMESPACE));
        for (Role role : Role.values()) {
            tokens.put(role, apiTokens.create("portal-" + role.text(), role, null, "test", Instant.now()).token());
        }
        apply(environment("dev", 1, "Every merge"));
        apply(environment("prod", 2, "What users see"));
        apply(application("shop-dev", "dev", "apps/shop/dev", "shop-dev", true));
        apply(application("shop-prod", "prod", "apps/shop/prod", "shop-prod", false));
        apply(application("tools", "", "apps/tools", "tools", false));
        apply(application("guarded", "dev", "apps/nowhere", "guarded", false));
    }

    static String deployment(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: %s, image: '%s'}]}
                """.formatted(name, name, name, name, image);
    }

    static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: '" + value + "'\n";
    }

    private static String environment(String name, int order, String description) {
        return """
                apiVersion: mooring.io/v1alpha1
                kind: Environment
                metadata: {name: %s, namespace: mooring}
                spec: {description: %s, order: %d}
                """.formatted(name, description, order);
    }

    private String application(String name, String environment, String path, String destination, boolean automated) {
        return """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: mooring}
                spec:
                  %s
                  source: {repoURL: '%s', targetRevision: main, path: %s}
                  destination: {namespace: %s}
                  %s
                """.formatted(name, environment.isEmpty() ? "" : "environment: " + environment, repo.url(), path, destination,
                automated ? "syncPolicy: {automated: {prune: true, selfHeal: true}}" : "");
    }

    /**
     * Writes, as the sync's guard step does, a policy verdict with one blocking and one warning
     * violation into the status of {@code guarded} (whose failing source leaves the rest alone).
     * The controller may write in between: callers repeat it until they see it.
     */
    void writePolicyVerdict() throws IOException {
        ObjectNode verdict = (ObjectNode) JSON.readTree("""
                {"policy": {"result": "Blocked", "sources": ["policies at 1a2b3c4"], "policies": 6, "objects": 3, "blocking": 1, "warnings": 1,
                  "violations": [
                    {"policy": "disallow-latest-tag", "rule": "require-image-tag", "action": "Enforce", "result": "fail", "kind": "Deployment",
                     "namespace": "guarded", "name": "api", "source": "apps/guarded/deployment.yaml:3", "message": "an image tag is required"},
                    {"policy": "require-requests-limits", "rule": "validate-resources", "action": "Audit", "result": "fail", "kind": "Deployment",
                     "namespace": "guarded", "name": "api", "source": "apps/guarded/deployment.yaml:3", "message": "CPU and memory requests are required"}]},
                 "conditions": [{"type": "PolicyViolation", "message": "1 Enforce violation: disallow-latest-tag/require-image-tag on Deployment/guarded/api",
                   "lastTransitionTime": "2026-11-22T10:00:00Z"}]}
                """);
        ObjectNode current = applications.get(NAMESPACE, "guarded").orElseThrow();
        ObjectNode status = current.path("status").isObject() ? ((ObjectNode) current.get("status")).deepCopy() : JSON.createObjectNode();
        status.setAll(verdict);
        applications.writeStatus(NAMESPACE, "guarded", status);
    }

    void apply(String yaml) {
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).serverSideApply();
    }

    URI url() {
        return web.server().url();
    }

    /** A client with the API token of {@code role}. */
    Http as(Role role) {
        return new Http(url(), token(role));
    }

    String token(Role role) {
        return tokens.get(role);
    }

    /** A client with no credentials: a browser before signing in. */
    Http browser() {
        return new Http(url(), null);
    }

    @Override
    public void close() {
        web.close();
        controller.close();
        client.close();
        repo.close();
        sandbox.close();
    }
}
