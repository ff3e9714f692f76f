package io.mooring.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * K watchers on one ConfigMap (fabric8 watches over HTTP, all on one client as the informers of
 * one program would be); a writer updates it {@code updates} times, 10 ms apart, stamping each
 * update with the time just before it is sent. Every watcher's delivery of every update is
 * timed from that stamp: the write's round trip plus the fan-out to K streams.
 */
final class WatchFanOut {
    private static final long PAUSE_MILLIS = 10;

    private WatchFanOut() {
    }

    /**
     * Delivery latencies in nanoseconds; {@code expected} deliveries were due, {@code samples} arrived in time.
     *
     * @param protocol how the watches streamed: WebSocket or HTTP
     */
    record Result(String server, int watchers, String protocol, int expected, Samples samples) implements SandboxReport.PerServer {
    }

    static Result run(BenchServer server, String namespace, int watchers, int updates) throws Exception {
        try (KubernetesClient writer = server.client(); KubernetesClient watching = server.watchClient()) {
            BenchObjects.ensureNamespace(writer, namespace);
            ConfigMap current = writer.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("ticker").endMetadata().addToData("sent", "0").build()).create();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            CountDownLatch live = new CountDownLatch(watchers);
            CountDownLatch delivered = new CountDownLatch(watchers * updates);
            List<Watch> watches = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                AtomicBoolean streaming = new AtomicBoolean();
                watches.add(watching.configMaps().inNamespace(namespace).withName("ticker").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap configMap) {
                        long received = System.nanoTime();
                        if (action != Action.MODIFIED) {
                            return;
                        }
                        long sent = Long.parseLong(configMap.getData().get("sent"));
                        if (sent == 0) {
                            if (streaming.compareAndSet(false, true)) {
                                live.countDown();
                            }
                        } else {
                            latencies.add(received - sent);
                            delivered.countDown();
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // The round ends by closing the watches; a failure shows as missing deliveries.
                    }
                }));
            }
            // Unstamped updates until every watcher has had one: then every stream is live and
            // none of the timed deliveries waits for a connection to open.
            for (int tries = 0; live.getCount() > 0 && tries < 300; tries++) {
                current.getData().put("ping", Integer.toString(tries));
                current = writer.configMaps().inNamespace(namespace).resource(current).update();
                live.await(100, TimeUnit.MILLISECONDS);
            }
            for (int u = 0; u < updates; u++) {
                current.getData().put("sent", Long.toString(System.nanoTime()));
                current = writer.configMaps().inNamespace(namespace).resource(current).update();
                Thread.sleep(PAUSE_MILLIS);
            }
            delivered.await(60, TimeUnit.SECONDS);
            watches.forEach(Watch::close);
            Samples samples = new Samples();
            latencies.forEach(samples::add);
            return new Result(server.name(), watchers, watching.getConfiguration().isOnlyHttpWatches() ? "HTTP" : "WebSocket",
                    watchers * updates, samples);
        }
    }
}
