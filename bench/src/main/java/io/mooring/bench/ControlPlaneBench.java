package io.mooring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
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
import io.mooring.web.ControlPlaneWeb;
import io.mooring.web.WebSettings;
import io.mooring.web.auth.ApiTokens;
import io.mooring.web.auth.Role;
import io.mooring.web.auth.Secrets;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.store.ClusterState;
import io.mooring.web.webhook.WebhookSecrets;
import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The control plane's HTTP side (bench/README.md, "Control plane"): webhook to synced latency over
 * pushes, the API's list latency at many Applications, and {@code mooring up} from the command to
 * a ready portal. The sandbox runs in its own JVM; the controller and the HTTP server in this one,
 * as {@code mooring up} runs them.
 */
public final class ControlPlaneBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlPlaneBench() {
    }

    /** {@code --pushes N --apps N --requests N --ups N --results FILE}. */
    public static void main(String[] args) throws Exception {
        int pushes = 50;
        int apps = 1000;
        int requests = 50;
        int ups = 3;
        Checkout checkout = Checkout.find();
        Path results = Options.defaultResults(checkout, "control-plane");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--pushes" -> pushes = Integer.parseInt(args[i + 1]);
                case "--apps" -> apps = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--ups" -> ups = Integer.parseInt(args[i + 1]);
                case "--results" -> results = Path.of(args[i + 1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--pushes N, --apps N, --requests N, --ups N, --results FILE)");
            }
        }
        List<String> report = new ArrayList<>();
        report.add("# Control plane: webhooks, API, mooring up, " + java.time.LocalDate.now());
        report.add("");
        report.add("Command: `bench/run control-plane" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`.");
        report.add("");
        report.add("Machine:");
        report.add("");
        Machine.describe(List.of()).forEach(line -> report.add("- " + line));
        report.add("");
        Path work = Files.createTempDirectory("mooring-control-plane-bench");
        try {
            report.addAll(inProcess(work, pushes, apps, requests));
            report.addAll(up(checkout, work, ups));
        } finally {
            delete(work);
        }
        Results.finish(report, results);
    }

    private static void log(String line) {
        System.err.println("[control-plane bench] " + line);
    }

    // ---- webhook to synced, and the API's list ----

    private static List<String> inProcess(Path work, int pushes, int apps, int requests) throws Exception {
        Path repo = work.resolve("platform");
        Files.createDirectories(repo.resolve("apps/web"));
        Files.createDirectories(repo.resolve("apps/other"));
        Files.writeString(repo.resolve("apps/web/config.yaml"), configMap("web", "0"));
        Files.writeString(repo.resolve("apps/other/config.yaml"), configMap("other", "0"));
        SandboxProcess.Running sandbox = SandboxProcess.startDetached(new SandboxDirectory(work.resolve("sandbox"), false), 0, 3);
        MicrometerMetrics metrics = new MicrometerMetrics();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
             KubernetesClient client = Kube.connect(sandbox.directory().kubeconfig(), null, null)) {
            commit(git, "platform");
            for (String ns : List.of("mooring", "web", "other", "bench-list")) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
            }
            Applications applications = new Applications(client, Retrying.DEFAULT);
            Renderings renderings = new Renderings(new GitRepositories(work.resolve("git-cache"), metrics), metrics);
            ApplicationController controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT),
                    applications, renderings, ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)), metrics);
            metrics.queueDepth(controller::queued);
            controller.start();
            ControlPlaneWeb web = ControlPlaneWeb.start(WebSettings.defaults().withAddress("127.0.0.1", 0),
                    new ControlPlaneWeb.Services(client, new ApplicationActions(applications, controller.engine()), renderings::inputs, metrics,
                            List.of(new HealthRoutes.Check("controller", controller::started)), List.of()));
            try {
                for (String app : List.of("web", "other")) {
                    client.resource(client.getKubernetesSerialization().unmarshal(application(app, "mooring", repo, true),
                            GenericKubernetesResource.class)).create();
                }
                awaitRevision(client, "web", null, Duration.ofMinutes(2));
                Samples webhook = webhookLatency(web, client, git, repo, pushes);
                log("webhook to synced: p50 " + Samples.ms(webhook.median()) + " ms, p99 " + Samples.ms(webhook.percentile(99)) + " ms");
                ListTimes list = listLatency(web, client, apps, requests);
                log("list of " + apps + ": p50 " + Samples.ms(list.samples().median()) + " ms");
                return report(pushes, webhook, apps, list);
            } finally {
                web.close();
                controller.close();
            }
        } finally {
            SandboxProcess.stop(sandbox);
        }
    }

    private static Samples webhookLatency(ControlPlaneWeb web, KubernetesClient client, Git git, Path repo, int pushes) throws Exception {
        String secret = new WebhookSecrets(new ClusterState(client, WebSettings.SYSTEM_NAMESPACE)).secret("github");
        URI hook = web.server().url().resolve("/api/v1/webhooks/github");
        Samples samples = new Samples();
        for (int p = 0; p < pushes; p++) {
            Files.writeString(repo.resolve("apps/web/config.yaml"), configMap("web", "push-" + p));
            git.add().addFilepattern(".").call();
            String sha = commit(git, "push " + p);
            long start = System.nanoTime();
            byte[] body = """
                    {"ref": "refs/heads/main", "repository": {"clone_url": "%s", "default_branch": "main"},
                     "commits": [{"added": [], "modified": ["apps/web/config.yaml"], "removed": []}]}
                    """.formatted(repo.toUri()).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", "sha256=" + Secrets.hex(Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("webhook answered " + answer.statusCode() + ": " + answer.body());
            }
            awaitRevision(client, "web", sha, Duration.ofMinutes(2));
            samples.add(System.nanoTime() - start);
        }
        return samples;
    }

    private record ListTimes(Samples samples, int bytes, long creates) {
    }

    /**
     * {@code apps} Applications in a namespace of their own (the controller does not reconcile
     * them: the figure is the API's), each with the status of a synced Application of 10 objects.
     */
    private static ListTimes listLatency(ControlPlaneWeb web, KubernetesClient client, int apps, int requests) throws Exception {
        ApiTokens tokens = new ApiTokens(new ClusterState(client, WebSettings.SYSTEM_NAMESPACE));
        String token = tokens.create("bench", Role.VIEWER, null, "bench", Instant.now()).token();
        Path dummy = Path.of("/nonexistent");
        Applications applications = new Applications(client, Retrying.DEFAULT);
        String status = status();
        for (int a = 0; a < apps; a++) {
            client.resource(client.getKubernetesSerialization().unmarshal(application("app-" + a, "bench-list", dummy, false),
                    GenericKubernetesResource.class)).create();
            applications.writeStatus("bench-list", "app-" + a, (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(status));
        }
        URI list = web.server().url().resolve("/api/v1/applications?namespace=bench-list");
        HttpRequest request = HttpRequest.newBuilder(list).header("Authorization", "Bearer " + token).GET().build();
        int bytes = 0;
        for (int w = 0; w < 5; w++) {
            bytes = check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), apps).length();
        }
        Samples samples = new Samples();
        for (int r = 0; r < requests; r++) {
            long start = System.nanoTime();
            check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), apps);
            samples.add(System.nanoTime() - start);
        }
        return new ListTimes(samples, bytes, apps);
    }

    private static String check(HttpResponse<String> answer, int apps) throws IOException {
        if (answer.statusCode() != 200 || JSON.readTree(answer.body()).path("items").size() != apps) {
            throw new IllegalStateException("the list answered " + answer.statusCode() + " without the " + apps + " Applications");
        }
        return answer.body();
    }

    static String status() {
        StringBuilder resources = new StringBuilder();
        for (int o = 0; o < 10; o++) {
            resources.append(o == 0 ? "" : ",").append("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\",\"namespace\":\"bench\",")
                    .append("\"name\":\"object-").append(o).append("\",\"status\":\"Synced\"}");
        }
        return "{\"sync\":{\"status\":\"Synced\",\"revision\":\"0123456789abcdef0123456789abcdef01234567\"},\"health\":{\"status\":\"Healthy\"},"
                + "\"summary\":{\"resources\":10,\"outOfSync\":0,\"requiresPruning\":0},\"resources\":[" + resources + "],"
                + "\"operationState\":{\"phase\":\"Succeeded\",\"message\":\"10 applied, 0 pruned\",\"initiatedBy\":\"automated\","
                + "\"startedAt\":\"2026-11-22T10:00:00Z\",\"finishedAt\":\"2026-11-22T10:00:01Z\","
                + "\"revision\":\"0123456789abcdef0123456789abcdef01234567\"}}";
    }

    // ---- mooring up to a ready portal ----

    private static List<String> up(Checkout checkout, Path work, int ups) throws Exception {
        Path state = work.resolve("up-state");
        Samples cold = new Samples();
        Samples warm = new Samples();
        try {
            for (int u = 0; u < ups; u++) {
                boolean first = u == 0;
                long nanos = upToReady(checkout, state, work.resolve("up-" + u + ".log"));
                (first ? cold : warm).add(nanos);
                log("mooring up to ready (" + (first ? "sandbox started by up" : "sandbox running") + "): " + Samples.ms(nanos) + " ms");
            }
        } finally {
            new ProcessBuilder(Checkout.java(), "-jar", checkout.cliJar().toString(), "sandbox", "stop", "--state", state.toString())
                    .directory(checkout.root().toFile()).inheritIO().start().waitFor();
        }
        List<String> lines = new ArrayList<>();
        lines.add("## `mooring up` to a ready portal");
        lines.add("");
        lines.add("`java -jar mooring.jar up --state DIR --port P` on examples/platform, from the process start until `/readyz` answers 200 "
                + "(the controller has listed the cluster and watches; the server's users exist). The first run starts the sandbox "
                + "(a JVM of its own); the next ones find it running, as a second `mooring up` does. The process is stopped with SIGTERM "
                + "after each run.");
        lines.add("");
        lines.add("| run | ms |");
        lines.add("| --- | ---: |");
        lines.add("| first start (starts the sandbox, makes the admin, installs the CRDs) | " + Samples.ms(cold.median()) + " |");
        if (!warm.isEmpty()) {
            lines.add("| again, sandbox running (median of " + warm.count() + ") | " + warm.spread() + " |");
        }
        return lines;
    }

    private static long upToReady(Checkout checkout, Path state, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        Process up = new ProcessBuilder(Checkout.java(), "--enable-native-access=ALL-UNNAMED", "-Dmooring.home=" + checkout.root(), "-jar",
                checkout.cliJar().toString(), "up", "--state", state.toString(), "--port", Integer.toString(port))
                .directory(checkout.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!up.isAlive()) {
                    throw new IllegalStateException("mooring up exited: " + Files.readString(log));
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return System.nanoTime() - start;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(25);
            }
            throw new IllegalStateException("the portal was not ready within 5 minutes: " + Files.readString(log));
        } finally {
            up.destroy();
            up.waitFor();
        }
    }

    // ---- helpers ----

    private static List<String> report(int pushes, Samples webhook, int apps, ListTimes list) {
        List<String> lines = new ArrayList<>();
        lines.add("## Webhook to synced");
        lines.add("");
        lines.add("One Application (a ConfigMap; a second Application of the same repository in another path) with the controller "
                + "polling hourly: a commit, then a signed GitHub push event to `/api/v1/webhooks/github`, until the Application's status "
                + "shows the commit Synced (read every 5 ms); " + pushes + " pushes, one after the other.");
        lines.add("");
        lines.add("| p50 ms | p99 ms | min ms | max ms |");
        lines.add("| ---: | ---: | ---: | ---: |");
        lines.add("| " + Samples.ms(webhook.median()) + " | " + Samples.ms(webhook.percentile(99)) + " | " + Samples.ms(webhook.min()) + " | "
                + Samples.ms(webhook.max()) + " |");
        lines.add("");
        lines.add("Anchor: Argo CD's default without webhooks is a poll every 3 minutes (`timeout.reconciliation: 180s`, with jitter), "
                + "so a commit waits 90 s on average and up to about 3 minutes; its webhook path, like this one, refreshes at once.");
        lines.add("");
        lines.add("## API list latency");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "`GET /api/v1/applications` with an API token, %d Applications (each with the status of a "
                + "synced Application of 10 objects; not reconciled), %d requests after 5 warm-ups, one at a time; answer %.0f KiB.",
                apps, list.samples().count(), list.bytes() / 1024.0));
        lines.add("");
        lines.add("| p50 ms | p99 ms | min ms | max ms |");
        lines.add("| ---: | ---: | ---: | ---: |");
        lines.add("| " + Samples.ms(list.samples().median()) + " | " + Samples.ms(list.samples().percentile(99)) + " | "
                + Samples.ms(list.samples().min()) + " | " + Samples.ms(list.samples().max()) + " |");
        lines.add("");
        return lines;
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {value: '" + value + "'}\n";
    }

    static String application(String name, String namespace, Path repo, boolean automated) {
        return """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: %s}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/%s}
                  destination: {namespace: %s}
                %s""".formatted(name, namespace, repo.toUri(), name, automated ? name : "bench", automated
                ? "  syncPolicy: {automated: {prune: true, selfHeal: true}}\n" : "");
    }

    private static String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("bench", "bench@mooring.io").setCommitter("bench", "bench@mooring.io").call().getName();
    }

    /** Waits until the Application is Synced (at {@code sha}, when given). */
    private static void awaitRevision(KubernetesClient client, String name, String sha, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            GenericKubernetesResource app = client.genericKubernetesResources(Applications.CONTEXT).inNamespace("mooring").withName(name).get();
            Object status = app == null ? null : app.getAdditionalProperties().get("status");
            if (status instanceof Map<?, ?> map && map.get("sync") instanceof Map<?, ?> sync && "Synced".equals(sync.get("status"))
                    && (sha == null || sha.equals(sync.get("revision")))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(name + " not synced" + (sha == null ? "" : " at " + sha) + " within " + timeout);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
