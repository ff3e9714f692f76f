package io.mooring.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.api.ApiServer;
import io.mooring.sandbox.api.PatchEngine;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.apply.ResourceSchemas;
import io.mooring.sandbox.apply.SchemaPatchEngine;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.ClusterPlane;
import io.mooring.sandbox.cluster.crd.CustomResourceSchemas;
import io.mooring.sandbox.control.ControllerManager;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.workloads.Workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded Kubernetes cluster: an API server on a local port, a kubeconfig that points at it,
 * and the simulated controllers that make workloads run. Start one per test class, or one for
 * {@code mooring up}.
 */
public final class Sandbox implements AutoCloseable {
    private final ResourceApi api;
    private final ApiServer server;
    private final ControllerManager controllers;
    private final Path kubeconfig;

    private Sandbox(ResourceApi api, ApiServer server, ControllerManager controllers, Path kubeconfig) {
        this.api = api;
        this.server = server;
        this.controllers = controllers;
        this.kubeconfig = kubeconfig;
    }

    public static Sandbox start(SandboxOptions options) {
        Clock clock = options.clock();
        ResourceSchemas schemas = ResourceSchemas.kubernetes(); // CRDs register their kinds' schemas here
        PatchEngine patches = new SchemaPatchEngine(schemas, clock);
        ApiCatalog catalog = ApiCatalog.kubernetes();
        ObjectStore store = new ObjectStore(options.watchHistory());
        ClusterPlane cluster = new ClusterPlane(catalog, store, CustomResourceSchemas.of(schemas::register, schemas::unregister));
        List<Admission> admissions = new ArrayList<>(cluster.admissions());
        ResourceApi api = new ResourceApi(catalog, store, clock, admissions, patches);
        bootstrap(api);
        cluster.bootstrap(api);
        ControllerManager controllers = new ControllerManager(api, clock);
        Workloads.start(api, controllers, clock, options.nodes(), options.workloads());
        cluster.controllers(api).forEach(controllers::start);
        ApiServer server = ApiServer.start(api, clock, options.port());
        Path kubeconfig = writeKubeconfig(server.url(), options.state());
        return new Sandbox(api, server, controllers, kubeconfig);
    }

    /** What every cluster has from the start: the system namespaces. */
    private static void bootstrap(ResourceApi api) {
        ResourceType namespaces = api.catalog().byPlural("", "v1", "namespaces").orElseThrow();
        for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            ObjectNode namespace = JsonNodeFactory.instance.objectNode();
            namespace.putObject("metadata").put("name", name);
            api.create(namespaces, "", namespace, WriteOptions.by("mooring-sandbox"));
        }
    }

    private static Path writeKubeconfig(String url, Path stateDir) {
        try {
            Path dir = stateDir != null ? stateDir : Files.createTempDirectory("mooring-sandbox");
            Files.createDirectories(dir);
            Path file = dir.resolve("kubeconfig");
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mooring-sandbox
                      cluster:
                        server: %s
                    contexts:
                    - name: mooring-sandbox
                      context:
                        cluster: mooring-sandbox
                        user: mooring-sandbox
                        namespace: default
                    current-context: mooring-sandbox
                    users:
                    - name: mooring-sandbox
                      user:
                        token: mooring-sandbox
                    """.formatted(url));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's kubeconfig", e);
        }
    }

    public String url() {
        return server.url();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API in-process, without HTTP: for controllers and fast test setup. */
    public ResourceApi api() {
        return api;
    }

    @Override
    public void close() {
        controllers.close();
        server.close();
    }
}
