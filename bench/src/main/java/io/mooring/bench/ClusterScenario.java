package io.mooring.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A cluster as the issue describes it: nodes, then a Deployment mix whose replicas add up to the
 * pods asked for, written over HTTP by 4 clients; then, on the sandbox, the time until every pod
 * is Ready. The mock server gets the same writes and has no controllers, so only the writes and
 * the heap compare.
 */
final class ClusterScenario {
    private static final String NAMESPACE = "workloads";
    private static final int WRITERS = 4;
    /** With no pod at all after this long, the build has no Deployment controller. */
    private static final long NO_CONTROLLER_NANOS = 30_000_000_000L;
    /** With no more pods Ready for this long, the simulation is stuck: stop waiting. */
    private static final long STALL_NANOS = 120_000_000_000L;

    private ClusterScenario() {
    }

    /**
     * @param nodesBySandbox nodes the sandbox made itself from its {@code nodes} option (the rest the benchmark wrote)
     * @param readyNanos     from the first Deployment write to every pod Ready; -1 when they did not all get Ready
     * @param heapRetained   the heap the server holds with all of it, beyond what it held empty (after GC)
     */
    record Result(String server, int nodes, int nodesBySandbox, int deployments, int replicas, long writeNanos,
                  long readyNanos, long pods, long readyPods, String note, long heapRetained) implements SandboxReport.PerServer {
    }

    static Result run(BenchServer server, int nodes, int pods, long heapEmpty, boolean controllers) throws Exception {
        List<BenchObjects.Mix> mix = BenchObjects.deploymentMix(pods);
        try (KubernetesClient client = server.client()) {
            int existingNodes = controllers ? waitForNodes(client, nodes) : 0;
            BenchObjects.ensureNamespace(client, NAMESPACE);
            List<Deployment> deployments = new ArrayList<>();
            int n = 0;
            for (BenchObjects.Mix part : mix) {
                for (int d = 0; d < part.deployments(); d++) {
                    deployments.add(BenchObjects.deployment(NAMESPACE, "svc-" + n++, part.replicas()));
                }
            }
            long began = System.nanoTime();
            for (int i = existingNodes; i < nodes; i++) {
                client.nodes().resource(BenchObjects.node(i)).create();
            }
            write(server, deployments);
            long writeNanos = System.nanoTime() - began;
            long readyNanos = -1;
            String note = "";
            long ready = 0;
            if (controllers) {
                long lastProgress = System.nanoTime();
                while (true) {
                    long now = readyReplicas(client);
                    if (now >= pods) {
                        readyNanos = System.nanoTime() - began;
                        break;
                    }
                    if (now > ready) {
                        ready = now;
                        lastProgress = System.nanoTime();
                    }
                    boolean noPods = ready == 0 && System.nanoTime() - began > NO_CONTROLLER_NANOS
                            && client.pods().inNamespace(NAMESPACE).list().getItems().isEmpty();
                    if (noPods) {
                        note = "no pod was created within " + NO_CONTROLLER_NANOS / 1_000_000_000 + " s: this build has no Deployment controller";
                        break;
                    }
                    if (System.nanoTime() - lastProgress > STALL_NANOS) {
                        note = "stopped waiting: no more pods got Ready for " + STALL_NANOS / 1_000_000_000 + " s";
                        break;
                    }
                    Thread.sleep(500);
                }
            }
            List<Pod> all = client.pods().inNamespace(NAMESPACE).list().getItems();
            long readyPods = all.stream().filter(ClusterScenario::isReady).count();
            long heap = Heap.usedAfterGc() - heapEmpty;
            return new Result(server.name(), nodes, existingNodes, deployments.size(), pods, writeNanos, readyNanos, all.size(),
                    readyPods, note, heap);
        }
    }

    /** The nodes the sandbox makes by itself, once it has made them all (or none, in a build without nodes). */
    private static int waitForNodes(KubernetesClient client, int nodes) throws InterruptedException {
        int seen = -1;
        for (int i = 0; i < 20; i++) {
            int now = client.nodes().list().getItems().size();
            if (now >= nodes || (now == seen && i >= 4)) {
                return Math.min(now, nodes);
            }
            seen = now;
            Thread.sleep(500);
        }
        return Math.min(seen, nodes);
    }

    private static void write(BenchServer server, List<Deployment> deployments) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        List<KubernetesClient> clients = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                KubernetesClient client = server.client();
                clients.add(client);
                int first = w;
                done.add(threads.submit(() -> {
                    for (int i = first; i < deployments.size(); i += WRITERS) {
                        client.apps().deployments().inNamespace(NAMESPACE).resource(deployments.get(i)).create();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
            clients.forEach(KubernetesClient::close);
        }
    }

    private static long readyReplicas(KubernetesClient client) {
        return client.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                .mapToLong(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas())
                .sum();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
