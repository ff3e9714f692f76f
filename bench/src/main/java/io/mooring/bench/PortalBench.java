package io.mooring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.store.ClusterState;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The portal's overview at many Applications (bench/README.md, "Portal"): time to first byte and
 * to the last byte of {@code GET /} with 1,000 Applications, and, in the same run as an anchor, the
 * API's list of the same Applications. The sandbox runs in its own JVM; the HTTP server in this
 * one, as {@code mooring up} runs it (the controller is built for its sync engine but not started:
 * the figures are the portal's).
 */
public final class PortalBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "mooring";

    private PortalBench() {
    }

    /** {@code --apps N --requests N --results FILE}. */
    public static void main(String[] args) throws Exception {
        int apps = 1000;
        int requests = 50;
        Checkout checkout = Checkout.find();
        Path results = Options.defaultResults(checkout, "portal");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--apps" -> apps = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--results" -> results = Path.of(args[i + 1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--apps N, --requests N, --results FILE)");
            }
        }
        List<String> report = new ArrayList<>();
        report.add("# Portal: the overview at " + apps + " Applications, " + java.time.LocalDate.now());
        report.add("");
        report.add("Command: `bench/run portal" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`.");
        report.add("");
        report.add("Machine:");
        report.add("");
        Machine.describe(List.of()).forEach(line -> report.add("- " + line));
        report.add("");
        Path work = Files.createTempDirectory("mooring-portal-bench");
        try {
            report.addAll(measure(work, apps, requests));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Results.finish(report, results);
    }

    private static void log(String line) {
        System.err.println("[portal bench] " + line);
    }

    /** One request's times: until the response's headers (the first byte) and until its last byte. */
    private record Timed(long firstByte, long lastByte, int bytes) {
    }

    private static List<String> measure(Path work, int apps, int requests) throws Exception {
        SandboxProcess.Running sandbox = SandboxProcess.startDetached(new SandboxDirectory(work.resolve("sandbox"), false), 0, 1);
        MicrometerMetrics metrics = new MicrometerMetrics();
        try (KubernetesClient client = Kube.connect(sandbox.directory().kubeconfig(), null, null)) {
            Applications applications = new Applications(client, Retrying.DEFAULT);
            applications.installCrds();
            applications.awaitServed(Duration.ofSeconds(30));
            for (String ns : List.of(NAMESPACE, "bench")) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
            }
            log("creating " + apps + " Applications with the status of a synced Application of 10 objects");
            ObjectNode status = (ObjectNode) JSON.readTree(ControlPlaneBench.status());
            for (int a = 0; a < apps; a++) {
                client.resource(client.getKubernetesSerialization().unmarshal(ControlPlaneBench.application("app-" + a, NAMESPACE,
                        Path.of("/nonexistent"), false), GenericKubernetesResource.class)).create();
                applications.writeStatus(NAMESPACE, "app-" + a, status);
            }
            Renderings renderings = new Renderings(new GitRepositories(work.resolve("git-cache"), metrics), metrics);
            ApplicationController controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT),
                    applications, renderings, ControllerSettings.defaults(), metrics);
            try (ControlPlaneWeb web = ControlPlaneWeb.start(WebSettings.defaults().withAddress("127.0.0.1", 0),
                    new ControlPlaneWeb.Services(client, new ApplicationActions(applications, controller.engine()), renderings::inputs, metrics,
                            List.of(), List.of()))) {
                String token = new ApiTokens(new ClusterState(client, WebSettings.SYSTEM_NAMESPACE))
                        .create("bench", Role.VIEWER, null, "bench", Instant.now()).token();
                URI overview = web.server().url().resolve("/");
                URI api = web.server().url().resolve("/api/v1/applications");
                awaitWatched(overview, token, apps);
                Samples pageFirst = new Samples();
                Samples pageLast = new Samples();
                Samples apiFirst = new Samples();
                Samples apiLast = new Samples();
                int pageBytes = 0;
                int apiBytes = 0;
                for (int w = 0; w < 10; w++) {
                    get(overview, token);
                    get(api, token);
                }
                for (int r = 0; r < requests; r++) { // in turn, so that a change of load touches both
                    Timed page = get(overview, token);
                    pageFirst.add(page.firstByte());
                    pageLast.add(page.lastByte());
                    pageBytes = page.bytes();
                    Timed list = get(api, token);
                    apiFirst.add(list.firstByte());
                    apiLast.add(list.lastByte());
                    apiBytes = list.bytes();
                }
                log("overview TTFB p50 " + Samples.ms(pageFirst.median()) + " ms; API list p50 " + Samples.ms(apiLast.median()) + " ms");
                return report(apps, requests, pageFirst, pageLast, pageBytes, apiFirst, apiLast, apiBytes);
            }
        } finally {
            SandboxProcess.stop(sandbox);
        }
    }

    /** Waits until the portal's watch holds every Application (the overview counts them). */
    private static void awaitWatched(URI overview, String token, int apps) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String expected = "<strong>" + apps + "</strong> applications";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(overview).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the overview did not show " + apps + " Applications within 2 minutes");
    }

    private static Timed get(URI uri, String token) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = System.nanoTime() - start;
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        long lastByte = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return new Timed(firstByte, lastByte, body.length);
    }

    private static List<String> report(int apps, int requests, Samples pageFirst, Samples pageLast, int pageBytes, Samples apiFirst,
                                       Samples apiLast, int apiBytes) {
        List<String> lines = new ArrayList<>();
        lines.add("## The applications overview");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%d Applications in namespace mooring, each with the status of a synced Application of 10 objects "
                + "(not reconciled: the figures are the portal's). `GET /` signed in with a viewer's API token, the whole table rendered "
                + "(%.0f KiB of HTML); in turn with `GET /api/v1/applications` (%.0f KiB of JSON) as the anchor; %d requests each after 10 "
                + "warm-ups, one at a time. First byte: until the response's headers arrive (the server renders the page before it sends "
                + "them); last byte: until the body is read.", apps, pageBytes / 1024.0, apiBytes / 1024.0, requests));
        lines.add("");
        lines.add("| request | first byte p50 ms | p99 ms | last byte p50 ms | p99 ms | min ms | max ms |");
        lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        lines.add(row("portal overview `GET /`", pageFirst, pageLast));
        lines.add(row("API list `GET /api/v1/applications`", apiFirst, apiLast));
        lines.add("");
        lines.add("The overview reads the Applications from the portal's watch (an informer), the API lists them from the API server on "
                + "each request.");
        return lines;
    }

    private static String row(String name, Samples first, Samples last) {
        return "| " + name + " | " + Samples.ms(first.median()) + " | " + Samples.ms(first.percentile(99)) + " | " + Samples.ms(last.median())
                + " | " + Samples.ms(last.percentile(99)) + " | " + Samples.ms(last.min()) + " | " + Samples.ms(last.max()) + " |";
    }
}
