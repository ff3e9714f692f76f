package io.mooring.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N clients, each with its own fabric8 client (its own connections) on its own thread, create
 * pods over HTTP as fast as the server answers; the pods are split evenly between them. Timed
 * from the moment all are ready to the last answer.
 */
final class WriteThroughput {
    private WriteThroughput() {
    }

    /**
     * @param heapRetained the heap the server holds after the writes beyond what it held before (after GC)
     */
    record Result(String server, int clients, int objects, long nanos, long cpuNanos, long heapRetained) implements SandboxReport.PerServer {
        double perSecond() {
            return objects / (nanos / 1e9);
        }

        /** CPU time of the whole JVM (server and clients) per 1,000 objects. */
        double cpuMillisPerThousand() {
            return cpuNanos / 1e6 / objects * 1000;
        }
    }

    static Result run(BenchServer server, String namespace, int clients, int objects) throws Exception {
        List<KubernetesClient> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(server.client());
        }
        BenchObjects.ensureNamespace(connections.getFirst(), namespace);
        long heapBefore = Heap.usedAfterGc();
        CyclicBarrier start = new CyclicBarrier(clients + 1);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                KubernetesClient client = connections.get(c);
                Callable<Void> writer = () -> {
                    start.await();
                    for (int i = first; i < objects; i += clients) {
                        client.pods().inNamespace(namespace).resource(BenchObjects.pod(namespace, i)).create();
                    }
                    return null;
                };
                done.add(threads.submit(writer));
            }
            start.await();
            long cpu = CpuClock.self();
            long began = System.nanoTime();
            for (Future<Void> writer : done) {
                writer.get();
            }
            long nanos = System.nanoTime() - began;
            cpu = CpuClock.self() - cpu;
            long heapAfter = Heap.usedAfterGc();
            return new Result(server.name(), clients, objects, nanos, cpu, heapAfter - heapBefore);
        } finally {
            threads.shutdownNow();
            connections.forEach(KubernetesClient::close);
        }
    }
}
