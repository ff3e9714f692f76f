package io.mooring.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The admission benchmark's results file and the summary it prints. */
final class AdmissionReport {
    private AdmissionReport() {
    }

    static String markdown(AdmissionBenchOptions options, List<String> machine, int policies, AdmissionBench.InProcess decision,
                           List<AdmissionBench.Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("# Admission webhook: latency and throughput, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. Mooring's validating webhook (`io.mooring.admission.WebhookServer`: ")
                .append("the JDK's HTTPS server, a virtual thread per request) with ").append(policies)
                .append(" Kyverno policies (the six of `examples/platform/policies` and the fourteen of ")
                .append("`bench/src/main/resources/io/mooring/bench/admission/pod-security.yaml`), beside the same server answering ")
                .append("\"allowed\" without evaluating anything (the floor: TLS, HTTP, reading the review, writing the answer). ")
                .append("Both run in the benchmark's JVM; wrk drives them from a second process over HTTPS with keep-alive (")
                .append("`-t").append(options.threads()).append(" -c").append(options.connections()).append("`, ")
                .append(options.duration()).append(" s per run, after ").append(options.warmup()).append(" s of warm-up on each server). ")
                .append("The bodies are AdmissionReview v1 creates of Pods as the API server sends them; one in ten is refused by ")
                .append("eight policies, so refusals and their messages are part of the work.\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        md.append(String.format(Locale.ROOT, "In this JVM, without HTTP or TLS, one thread: a decision (parse the review, evaluate the %d "
                + "policies, write the answer) takes %.1f µs wall, %.1f µs CPU (medians of 7 rounds of 2,000, after 7 untimed).%n%n",
                policies, decision.wallMicros(), decision.cpuMicros()));
        md.append("Latency is wrk's: from a request written to its response read. At a fixed rate each wrk thread sends on a fixed ")
                .append("schedule; a request whose slot comes while all its thread's connections wait is sent when one is free, so ")
                .append("the achieved rate shows what the server sustained. Server CPU is the benchmark JVM's CPU time over the run ")
                .append("(both servers; the idle one costs next to nothing) per request; wrk's is the load generator's own.\n\n");
        md.append("| server | target (requests/s) | achieved (requests/s) | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors ")
                .append("| server CPU µs/request | wrk CPU µs/request |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (AdmissionBench.Run run : runs) {
            Wrk.Result r = run.wrk();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %.0f |%n",
                    run.server(), run.rate() == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,d", run.rate()), r.ratePerSecond(),
                    ms(r.p50()), ms(r.p90()), ms(r.p99()), ms(r.p999()), ms(r.max()), r.errors(),
                    run.serverCpuNanos() / 1000.0 / Math.max(1, r.requests()), r.clientCpuNanos() / 1000.0 / Math.max(1, r.requests())));
        }
        md.append("\nRatios, the webhook with policies over the floor (above 1: the policies cost that much more):\n\n");
        md.append("| target (requests/s) | p50 | p99 | server CPU per request | achieved rate (floor ÷ policies) |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: |\n");
        for (AdmissionBench.Run floor : runs.stream().filter(r -> r.server().equals("floor")).toList()) {
            Optional<AdmissionBench.Run> with = runs.stream().filter(r -> r.server().equals("policies") && r.rate() == floor.rate()).findFirst();
            if (with.isEmpty()) {
                continue;
            }
            Wrk.Result f = floor.wrk();
            Wrk.Result p = with.get().wrk();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                    floor.rate() == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,d", floor.rate()),
                    (double) p.p50() / f.p50(), (double) p.p99() / f.p99(),
                    perRequest(with.get()) / perRequest(floor), f.ratePerSecond() / p.ratePerSecond()));
        }
        md.append("""

                Anchor: Kyverno's published scale test ("Scaling Kyverno", kyverno.io/docs/installation/scaling) admits Pods
                against 17 pod security policies (validate, Enforce) with one admission controller replica at 42.67 ms average
                (141 ms max) for 100 virtual users creating 1,000 Pods with k6, and 80.74 ms average (409 ms max) for 200
                users and 5,000 Pods, on a 32-core AMD EPYC 7502P with KinD. Those figures are the whole Pod creation through
                the API server (its own work, the webhook call, and storage), not the webhook's answer alone; no Kyverno is
                installable here to measure it beside Mooring on the same machine, so they anchor the order of magnitude only.
                """);
        return md.toString();
    }

    static String summary(List<AdmissionBench.Run> runs) {
        StringBuilder text = new StringBuilder();
        for (AdmissionBench.Run run : runs) {
            Wrk.Result r = run.wrk();
            text.append(String.format(Locale.ROOT, "%-9s %-20s %,8.0f requests/s   p50 %6.2f ms   p99 %6.2f ms   errors %d%n", run.server(),
                    run.rate() == 0 ? "as fast as possible" : run.rate() + " requests/s", r.ratePerSecond(), ms(r.p50()), ms(r.p99()), r.errors()));
        }
        return text.toString().stripTrailing();
    }

    private static double perRequest(AdmissionBench.Run run) {
        return (double) run.serverCpuNanos() / Math.max(1, run.wrk().requests());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
