package io.mooring.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.util.JavalinBindException;
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
import io.mooring.sandbox.state.StateKeeper;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.workloads.Workloads;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded Kubernetes cluster: an API server on a local port, a kubeconfig that points at it,
 * and the simulated controllers that make workloads run. Start one per test class, or one for
 * {@code mooring up}.
 */
public final class Sandbox implements AutoCloseable {
    private final ResourceApi api;
    private final ApiServer server;
    private final ControllerManager controllers;
    private final StateKeeper state;
    private final Kubeconfig kubeconfig;

    private Sandbox(ResourceApi api, ApiServer server, ControllerManager controllers, StateKeeper state, Kubeconfig kubeconfig) {
        this.api = api;
        this.server = server;
        this.controllers = controllers;
        this.state = state;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts a cluster. With a state directory, the objects saved there are loaded first, so that
     * names, uids and resourceVersions go on where the last run stopped.
     *
     * @throws SandboxException when the port is taken
     */
    public static Sandbox start(SandboxOptions options) {
        Clock clock = options.clock();
        ResourceSchemas schemas = ResourceSchemas.kubernetes(); // CRDs register their kinds' schemas here
        PatchEngine patches = new SchemaPatchEngine(schemas, clock);
        ApiCatalog catalog = ApiCatalog.kubernetes();
        ObjectStore store = new ObjectStore(options.watchHistory());
        StateKeeper state = options.state() == null ? null : StateKeeper.open(store, options.state(), options.saveEvery());
        ClusterPlane cluster = new ClusterPlane(catalog, store, CustomResourceSchemas.of(schemas::register, schemas::unregister));
        List<Admission> admissions = new ArrayList<>(cluster.admissions());
        ResourceApi api = new ResourceApi(catalog, store, clock, admissions, patches);
        bootstrap(api);
        cluster.bootstrap(api);
        ControllerManager controllers = new ControllerManager(api, clock);
        Workloads.start(api, controllers, clock, options.nodes(), options.workloads());
        cluster.controllers(api).forEach(controllers::start);
        ApiServer server;
        try {
            server = ApiServer.start(api, clock, options.port());
        } catch (JavalinBindException e) {
            controllers.close();
            if (state != null) {
                state.close();
            }
            throw new SandboxException("port " + options.port() + " on 127.0.0.1 is in use: choose another port, or 0 for a free one", e);
        }
        Kubeconfig kubeconfig = Kubeconfig.write(server.url(), options);
        return new Sandbox(api, server, controllers, state, kubeconfig);
    }

    /** What every cluster has from the start: the system namespaces (a loaded state may have them already). */
    private static void bootstrap(ResourceApi api) {
        ResourceType namespaces = api.catalog().byPlural("", "v1", "namespaces").orElseThrow();
        for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            if (api.store().get(ResourceApi.typeKey(namespaces), "", name).isPresent()) {
                continue;
            }
            ObjectNode namespace = JsonNodeFactory.instance.objectNode();
            namespace.putObject("metadata").put("name", name);
            api.create(namespaces, "", namespace, WriteOptions.by("mooring-sandbox"));
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public Path kubeconfig() {
        return kubeconfig.file();
    }

    /** The API in-process, without HTTP: for controllers and fast test setup. */
    public ResourceApi api() {
        return api;
    }

    /** The file the objects are saved to; empty when they are kept in memory only. */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(state).map(StateKeeper::path);
    }

    /**
     * Stops serving, stops the controllers and, with a state directory, saves the objects. Clients
     * see their connections closed, as when an API server stops.
     */
    @Override
    public void close() {
        server.close();
        controllers.close();
        if (state != null) {
            state.close();
        }
        kubeconfig.close();
    }
}
