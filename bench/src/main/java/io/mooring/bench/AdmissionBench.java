package io.mooring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.admission.AdmissionReview;
import io.mooring.admission.Decision;
import io.mooring.admission.PolicyReviewer;
import io.mooring.admission.Reviewer;
import io.mooring.admission.WebhookCertificates;
import io.mooring.admission.WebhookServer;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicyParser;
import io.mooring.policy.PolicySet;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The admission webhook under load (bench/README.md, "Admission webhook"): Mooring's webhook with
 * 20 policies, and the same server answering "allowed" without evaluating anything (the floor: TLS,
 * HTTP, reading the review and writing the answer), each driven by wrk from a second process at
 * fixed request rates and then as fast as it goes. Latency percentiles as wrk measures them, the
 * rate achieved, and the server's CPU time per request.
 */
public final class AdmissionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One request in ten is refused: refusals build their messages, which is work too. */
    private static final int BODIES = 10;
    private static final int IN_PROCESS_ROUNDS = 7;
    private static final int IN_PROCESS_REVIEWS = 2_000;

    private AdmissionBench() {
    }

    /** What one run measured: which server, at which rate (0: as fast as possible), and the server's CPU time. */
    record Run(String server, int rate, Wrk.Result wrk, long serverCpuNanos) {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        AdmissionBenchOptions options;
        try {
            options = AdmissionBenchOptions.parse(args, Options.defaultResults(checkout, "admission"));
        } catch (IllegalArgumentException e) {
            System.err.println(AdmissionBenchOptions.COMMAND + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        String wrk = Wrk.version();
        if (wrk == null) {
            System.err.println(AdmissionBenchOptions.COMMAND + ": wrk is not installed (Debian: apt-get install -y wrk)");
            System.exit(2);
            return;
        }
        List<String> machine = new ArrayList<>(Machine.describe(List.of()));
        machine.add("load generator: " + wrk);

        PolicySet policies = policies(checkout);
        List<ObjectNode> pods = pods();
        Path bodies = Files.createTempFile("mooring-admission", ".jsonl");
        List<byte[]> reviews = reviews(pods);
        Files.write(bodies, reviews.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        PolicyReviewer reviewer = new PolicyReviewer(policies);
        check(reviewer, reviews);
        InProcess decision = inProcess(reviewer, reviews);
        progress(String.format("%d policies; a decision in-process takes %.1f µs wall, %.1f µs CPU (parse, evaluate, answer)",
                policies.policies().size(), decision.wallMicros(), decision.cpuMicros()));

        WebhookCertificates certificates = WebhookCertificates.generate(List.of("127.0.0.1", "localhost"), Duration.ofDays(1), Instant.now());
        Reviewer floor = review -> Decision.ALLOW;
        List<Run> runs = new ArrayList<>();
        try (WebhookServer withPolicies = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), certificates.sslContext(), reviewer,
                WebhookServer.DEFAULT_MAX_BODY);
             WebhookServer allowAll = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), certificates.sslContext(), floor,
                     WebhookServer.DEFAULT_MAX_BODY)) {
            String policiesUrl = "https://127.0.0.1:" + withPolicies.port() + WebhookServer.PATH;
            String floorUrl = "https://127.0.0.1:" + allowAll.port() + WebhookServer.PATH;
            progress("warming up both servers, " + options.warmup() + " s each");
            Wrk.run(floorUrl, bodies, 0, options.warmup(), options.connections(), options.threads());
            Wrk.run(policiesUrl, bodies, 0, options.warmup(), options.connections(), options.threads());
            List<Integer> rates = new ArrayList<>(options.rates());
            rates.add(0);
            for (int rate : rates) {
                // In turn (floor, then policies), so that a change of the machine's load touches both.
                runs.add(run("floor", floorUrl, rate, bodies, options));
                runs.add(run("policies", policiesUrl, rate, bodies, options));
            }
        } finally {
            Files.deleteIfExists(bodies);
        }
        machine.add(Machine.loadAverage("at the end"));
        String report = AdmissionReport.markdown(options, machine, policies.policies().size(), decision, runs);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(AdmissionReport.summary(runs));
        System.out.println("wrote " + checkout.root().relativize(options.results()));
    }

    private static Run run(String server, String url, int rate, Path bodies, AdmissionBenchOptions options) throws Exception {
        progress(server + " at " + (rate == 0 ? "the highest rate" : rate + " requests/s") + " for " + options.duration() + " s");
        long cpu = CpuClock.self();
        Wrk.Result result = Wrk.run(url, bodies, rate, options.duration(), options.connections(), options.threads());
        return new Run(server, rate, result, CpuClock.self() - cpu);
    }

    /** The six policies of examples/platform/policies and the fourteen of the benchmark's own. */
    private static PolicySet policies(Checkout checkout) throws IOException {
        List<Policy> policies = new ArrayList<>(PolicyLoader.load(checkout.root().resolve("examples/platform/policies")).policies());
        policies.addAll(PolicyParser.parse("admission/pod-security.yaml", resource("admission/pod-security.yaml")));
        return PolicySet.of(policies);
    }

    /** The compliant pod and the debug pod that breaks half the policies. */
    private static List<ObjectNode> pods() throws IOException {
        List<ObjectNode> pods = new ArrayList<>();
        JSON.readTree(resource("admission/pods.json")).forEach(p -> pods.add((ObjectNode) p));
        return pods;
    }

    /** AdmissionReview bodies as the API server sends them: nine creates of compliant pods (names differ), one of the debug pod. */
    private static List<byte[]> reviews(List<ObjectNode> pods) throws IOException {
        List<byte[]> reviews = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            ObjectNode pod = (i == BODIES - 1 ? pods.get(1) : pods.get(0)).deepCopy();
            if (i < BODIES - 1) {
                pod.with("metadata").put("name", "web-7d9f8b6c5-" + (10_000 + i));
            }
            ObjectNode review = JSON.createObjectNode();
            review.put("apiVersion", AdmissionReview.V1).put("kind", "AdmissionReview");
            ObjectNode request = review.putObject("request");
            request.put("uid", "00000000-0000-4000-8000-" + String.format("%012d", i));
            request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
            request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
            request.put("name", pod.path("metadata").path("name").asText()).put("namespace", "shop").put("operation", "CREATE");
            request.putObject("userInfo").put("username", "system:serviceaccount:kube-system:replicaset-controller")
                    .putArray("groups").add("system:serviceaccounts").add("system:authenticated");
            request.set("object", pod);
            request.putNull("oldObject");
            request.put("dryRun", false);
            reviews.add(JSON.writeValueAsBytes(review));
        }
        return reviews;
    }

    /** The bodies get the answers they should, or the figures would measure something else. */
    private static void check(PolicyReviewer reviewer, List<byte[]> reviews) {
        for (int i = 0; i < reviews.size(); i++) {
            Decision decision = reviewer.review(AdmissionReview.parse(reviews.get(i), Instant.now()));
            boolean compliant = i < reviews.size() - 1;
            if (decision.allowed() != compliant || compliant && !decision.warnings().isEmpty()) {
                throw new IllegalStateException("review " + i + " should be " + (compliant ? "admitted without warnings" : "refused") + ": "
                        + decision);
            }
        }
    }

    /** One decision in this JVM, without HTTP or TLS (parse the body, evaluate, write the answer): median wall and CPU microseconds. */
    record InProcess(double wallMicros, double cpuMicros) {
    }

    private static InProcess inProcess(PolicyReviewer reviewer, List<byte[]> reviews) {
        double[] wall = new double[IN_PROCESS_ROUNDS];
        double[] cpu = new double[IN_PROCESS_ROUNDS];
        for (int round = -IN_PROCESS_ROUNDS; round < IN_PROCESS_ROUNDS; round++) {
            long start = System.nanoTime();
            long cpuStart = CpuClock.thread();
            for (int i = 0; i < IN_PROCESS_REVIEWS; i++) {
                AdmissionReview review = AdmissionReview.parse(reviews.get(i % reviews.size()), Instant.now());
                review.response(reviewer.review(review));
            }
            if (round >= 0) {
                wall[round] = (System.nanoTime() - start) / 1000.0 / IN_PROCESS_REVIEWS;
                cpu[round] = (CpuClock.thread() - cpuStart) / 1000.0 / IN_PROCESS_REVIEWS;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new InProcess(wall[wall.length / 2], cpu[cpu.length / 2]);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdmissionBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the benchmark's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void progress(String message) {
        System.err.println("admission: " + message);
    }
}
