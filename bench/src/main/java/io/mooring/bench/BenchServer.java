package io.mooring.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;

import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A server the sandbox benchmark writes to, in this JVM: the sandbox, or fabric8's mock server in
 * CRUD mode (objects stored and served, watches, no checks, no controllers): the floor that shows
 * what the sandbox's extra semantics cost.
 */
sealed interface BenchServer extends AutoCloseable {
    /** Held, so that the level set on it stays (java.util.logging keeps loggers weakly). */
    Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    String name();

    String url();

    @Override
    void close();

    /** A client of its own (its own HTTP client and connections), as a separate program would have. */
    default KubernetesClient client() {
        return client(false);
    }

    /**
     * A client for watches: over WebSocket, as fabric8 watches by default, where the server takes
     * them; else over chunked HTTP (fabric8 falls back by itself only when the handshake is
     * answered 200 or 503, so the server is asked once).
     */
    default KubernetesClient watchClient() {
        KubernetesClient client = client(false);
        try {
            client.configMaps().inNamespace("default").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            }).close();
            return client;
        } catch (KubernetesClientException e) {
            client.close();
            return client(true);
        }
    }

    private KubernetesClient client(boolean onlyHttpWatches) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("default")
                .withRequestTimeout(120_000).withConnectionTimeout(10_000).withOnlyHttpWatches(onlyHttpWatches).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static BenchServer sandbox(int nodes) {
        return new SandboxServer(Sandbox.start(SandboxOptions.defaults().withNodes(nodes)));
    }

    static BenchServer mock() {
        // It logs every request at INFO through java.util.logging: millions of lines in a benchmark.
        MOCK_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return new MockServer(server);
    }

    record SandboxServer(Sandbox sandbox) implements BenchServer {
        @Override
        public String name() {
            return "sandbox";
        }

        @Override
        public String url() {
            return sandbox.url();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    record MockServer(KubernetesMockServer server) implements BenchServer {
        @Override
        public String name() {
            return "mock server";
        }

        @Override
        public String url() {
            return "http://" + server.getHostName() + ":" + server.getPort();
        }

        @Override
        public void close() {
            server.destroy();
        }
    }
}
