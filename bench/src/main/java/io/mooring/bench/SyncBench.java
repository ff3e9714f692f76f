package io.mooring.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.cli.sandbox.SandboxDirectory;
import io.mooring.cli.sandbox.SandboxProcess;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.controller.ApplicationController;
import io.mooring.controller.ControllerSettings;
import io.mooring.git.GitRepositories;
import io.mooring.sync.Renderings;
import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The GitOps core at scale (bench/README.md, "Sync"): a cold sync of many Applications into a
 * sandbox against the floor (the same creates sent straight through fabric8 in one loop, into a
 * second, fresh sandbox), an unchanged resync (time and API requests), and commit-to-synced
 * latency with refresh on demand. Each sandbox runs in its own JVM, so the heap figure is
 * Mooring's own.
 */
public final class SyncBench {
    private static final int NAMESPACES = 50;

    private SyncBench() {
    }

    /** {@code --apps N --objects M --commits C --results FILE}. */
    public static void main(String[] args) throws Exception {
        int apps = 1000;
        int objects = 10;
        int commits = 50;
        Checkout checkout = Checkout.find();
        Path results = Options.defaultResults(checkout, "sync");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--apps" -> apps = Integer.parseInt(args[i + 1]);
                case "--objects" -> objects = Integer.parseInt(args[i + 1]);
                case "--commits" -> commits = Integer.parseInt(args[i + 1]);
                case "--results" -> results = Path.of(args[i + 1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--apps N, --objects M, --commits C, --results FILE)");
            }
        }
        List<String> report = new ArrayList<>();
        report.add("# Sync: " + apps + " Applications × " + objects + " objects into the sandbox, " + java.time.LocalDate.now());
        report.add("");
        report.add("Command: `bench/run sync" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`.");
        report.add("");
        report.add("Machine:");
        report.add("");
        Machine.describe(List.of()).forEach(line -> report.add("- " + line));
        report.add("");

        Path work = Files.createTempDirectory("mooring-sync-bench");
        try {
            Path repo = platformRepo(work.resolve("platform"), apps, objects);
            log("platform repo: " + apps + " apps × " + objects + " objects");
            Floor floor = floor(work, repo, apps, objects);
            log("floor: " + Samples.ms(floor.nanos()) + " ms for " + floor.creates() + " creates");
            Measured mooring = mooring(work, repo, apps, objects, commits);
            report.addAll(mooring.table(floor));
        } finally {
            delete(work);
        }
        Results.finish(report, results);
    }

    private static void log(String line) {
        System.err.println("[sync bench] " + line);
    }

    // ---- the platform repository ----

    /** One directory per app: ConfigMaps, a Secret, Services and a ServiceAccount, spread over namespaces. */
    private static Path platformRepo(Path dir, int apps, int objects) throws Exception {
        for (int a = 0; a < apps; a++) {
            Path app = dir.resolve("apps/app-" + a);
            Files.createDirectories(app);
            for (int o = 0; o < objects; o++) {
                Files.writeString(app.resolve("object-" + o + ".yaml"), object(a, o, "v1"));
            }
        }
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("platform").setAuthor("bench", "bench@mooring.io").setCommitter("bench", "bench@mooring.io").call();
        }
        return dir;
    }

    static String namespace(int app) {
        return "ns-" + (app % NAMESPACES);
    }

    /** The o-th object of app a: mostly ConfigMaps, with a Secret, two Services and a ServiceAccount among them. */
    private static String object(int app, int o, String value) {
        String name = "app-" + app + "-" + o;
        return switch (o % 10) {
            case 7 -> "apiVersion: v1\nkind: Secret\nmetadata: {name: " + name + "}\nstringData: {token: '" + value + "'}\n";
            case 8 -> "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  selector: {app: " + name
                    + "}\n  ports: [{port: 80, targetPort: 8080}]\n";
            case 9 -> "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: " + name + "}\n";
            default -> "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {value: '" + value + "'}\n";
        };
    }

    // ---- the floor: the same creates in one loop ----

    private record Floor(long nanos, long creates) {
    }

    private static Floor floor(Path work, Path repo, int apps, int objects) throws Exception {
        SandboxProcess.Running sandbox = SandboxProcess.startDetached(new SandboxDirectory(work.resolve("sandbox-floor"), false), 0, 3);
        try (KubernetesClient client = Kube.connect(sandbox.directory().kubeconfig(), null, null)) {
            namespaces(client);
            List<GenericKubernetesResource> all = new ArrayList<>();
            for (int a = 0; a < apps; a++) {
                for (int o = 0; o < objects; o++) {
                    GenericKubernetesResource object = client.getKubernetesSerialization()
                            .unmarshal(Files.readString(repo.resolve("apps/app-" + a + "/object-" + o + ".yaml")), GenericKubernetesResource.class);
                    object.getMetadata().setNamespace(namespace(a));
                    all.add(object);
                }
            }
            long start = System.nanoTime();
            for (GenericKubernetesResource object : all) {
                client.resource(object).create();
            }
            return new Floor(System.nanoTime() - start, all.size());
        } finally {
            SandboxProcess.stop(sandbox);
        }
    }

    private static void namespaces(KubernetesClient client) {
        for (int n = 0; n < NAMESPACES; n++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns-" + n).endMetadata().build()).serverSideApply();
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mooring").endMetadata().build()).serverSideApply();
    }

    // ---- Mooring ----

    private record Measured(int apps, int objects, long coldNanos, long coldRequests, long heapBytes, long resyncNanos,
                            long resyncRequests, Map<String, Long> resyncByKind, Samples latency, long coldCpuNanos) {
        List<String> table(Floor floor) {
            List<String> lines = new ArrayList<>();
            lines.add("## Cold sync");
            lines.add("");
            lines.add("| | time ms | API requests | heap after GC |");
            lines.add("| --- | ---: | ---: | ---: |");
            lines.add("| floor: " + floor.creates() + " creates through fabric8, one loop, one thread | " + Samples.ms(floor.nanos())
                    + " | " + floor.creates() + " | |");
            lines.add("| Mooring: " + apps + " Applications created, until every one is Synced and Healthy (controller, "
                    + ControllerSettings.defaults().workers() + " workers) | " + Samples.ms(coldNanos) + " | " + coldRequests + " | "
                    + String.format(Locale.ROOT, "%.0f MiB", heapBytes / 1048576.0) + " |");
            lines.add("");
            lines.add("Ratio floor / Mooring: **" + Samples.ratio(floor.nanos(), coldNanos) + "** (above 1: Mooring took less time). "
                    + "Controller CPU during the cold sync: " + Samples.ms(coldCpuNanos) + " ms (the JVM's, all threads).");
            lines.add("");
            lines.add("## Unchanged resync");
            lines.add("");
            lines.add("Every Application queued again (as the poll timer does) with nothing changed in Git or the cluster: "
                    + Samples.ms(resyncNanos) + " ms until the queue was empty, **" + resyncRequests + " API requests**"
                    + (resyncByKind.isEmpty() ? "." : ": " + resyncByKind.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")) + "."));
            lines.add("");
            lines.add("## Commit to synced");
            lines.add("");
            lines.add("A commit changing one object of one Application, then a refresh request (what a webhook does), until the "
                    + "Application's status shows that commit Synced; " + latency.count() + " commits.");
            lines.add("");
            lines.add("| p50 ms | p99 ms | min ms | max ms |");
            lines.add("| ---: | ---: | ---: | ---: |");
            lines.add("| " + Samples.ms(latency.median()) + " | " + Samples.ms(latency.percentile(99)) + " | " + Samples.ms(latency.min())
                    + " | " + Samples.ms(latency.max()) + " |");
            return lines;
        }
    }

    private static Measured mooring(Path work, Path repo, int apps, int objects, int commits) throws Exception {
        SandboxProcess.Running sandbox = SandboxProcess.startDetached(new SandboxDirectory(work.resolve("sandbox-mooring"), false), 0, 3);
        Kube.RequestCounter requests = new Kube.RequestCounter();
        try (KubernetesClient admin = Kube.connect(sandbox.directory().kubeconfig(), null, null);
             KubernetesClient client = Kube.connect(sandbox.directory().kubeconfig(), null, requests)) {
            namespaces(admin);
            Applications applications = new Applications(client, Retrying.DEFAULT);
            ApplicationController controller = new ApplicationController(
                    new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT), applications,
                    new Renderings(new GitRepositories(work.resolve("git-cache"))),
                    ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)));
            try {
                controller.start();
                log("controller started; creating " + apps + " Applications");
                long requestsBefore = requests.count();
                long cpuBefore = CpuClock.self();
                long start = System.nanoTime();
                for (int a = 0; a < apps; a++) {
                    admin.resource(admin.getKubernetesSerialization().unmarshal(application(a, repo), GenericKubernetesResource.class)).create();
                }
                awaitSynced(admin, apps, null, Duration.ofMinutes(30));
                long cold = System.nanoTime() - start;
                long coldCpu = CpuClock.self() - cpuBefore;
                long coldRequests = requests.count() - requestsBefore;
                log("cold sync: " + Samples.ms(cold) + " ms, " + coldRequests + " requests");
                long heap = heapAfterGc();

                awaitIdle(controller);
                long resyncRequestsBefore = requests.count();
                Map<String, Long> byKindBefore = requests.byKind();
                long resyncStart = System.nanoTime();
                controller.resyncAll();
                Thread.sleep(50);
                awaitIdle(controller);
                long resync = System.nanoTime() - resyncStart;
                long resyncRequests = requests.count() - resyncRequestsBefore;
                Map<String, Long> resyncByKind = new java.util.TreeMap<>();
                requests.byKind().forEach((kind, count) -> {
                    long sent = count - byKindBefore.getOrDefault(kind, 0L);
                    if (sent > 0) {
                        resyncByKind.put(kind, sent);
                    }
                });
                log("unchanged resync: " + Samples.ms(resync) + " ms, " + resyncRequests + " requests " + resyncByKind);

                Samples latency = new Samples();
                try (Git git = Git.open(repo.toFile())) {
                    for (int c = 0; c < commits; c++) {
                        int app = c % apps;
                        Files.writeString(repo.resolve("apps/app-" + app + "/object-0.yaml"), object(app, 0, "commit-" + c));
                        git.add().addFilepattern(".").call();
                        long t0 = System.nanoTime();
                        String sha = git.commit().setMessage("commit " + c).setAuthor("bench", "bench@mooring.io")
                                .setCommitter("bench", "bench@mooring.io").call().getName();
                        applications.requestRefresh("mooring", "app-" + app);
                        awaitSynced(admin, 1, Map.entry("app-" + app, sha), Duration.ofMinutes(2));
                        latency.add(System.nanoTime() - t0);
                    }
                }
                log("commit to synced: p50 " + Samples.ms(latency.median()) + " ms");
                return new Measured(apps, objects, cold, coldRequests, heap, resync, resyncRequests, resyncByKind, latency, coldCpu);
            } finally {
                controller.close();
            }
        } finally {
            SandboxProcess.stop(sandbox);
        }
    }

    private static String application(int a, Path repo) {
        return """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: app-%d, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/app-%d}
                  destination: {namespace: %s}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                """.formatted(a, repo.toUri(), a, namespace(a));
    }

    /**
     * Waits until {@code count} Applications are Synced and Healthy, or one given Application is
     * Synced at a given commit. Reads the Applications every 20 ms with one list (the admin's own
     * requests are not counted as Mooring's).
     */
    private static void awaitSynced(KubernetesClient admin, int count, Map.Entry<String, String> one, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (one != null) {
                GenericKubernetesResource app = admin.genericKubernetesResources(Applications.CONTEXT).inNamespace("mooring")
                        .withName(one.getKey()).get();
                Map<String, Object> sync = nested(app, "status", "sync");
                if ("Synced".equals(sync.get("status")) && one.getValue().equals(sync.get("revision"))) {
                    return;
                }
                Thread.sleep(5);
                continue;
            }
            long done = admin.genericKubernetesResources(Applications.CONTEXT).inNamespace("mooring").list().getItems().stream()
                    .filter(app -> "Synced".equals(nested(app, "status", "sync").get("status"))
                            && "Healthy".equals(nested(app, "status", "health").get("status")))
                    .count();
            if (done >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not synced within " + timeout);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(GenericKubernetesResource resource, String... path) {
        Object value = resource.getAdditionalProperties();
        for (String key : path) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Map.of();
            }
            value = map.get(key);
        }
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static void awaitIdle(ApplicationController controller) throws InterruptedException {
        while (!controller.idle()) {
            Thread.sleep(5);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
