package io.mooring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the load generator of the admission benchmark, run as a process of its own with
 * {@code admission.lua}: a fixed rate per thread (or none), request bodies in turn, and one
 * {@code RESULT} line with the latency percentiles, which is what this reads.
 */
final class Wrk {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");

    private Wrk() {
    }

    /**
     * One run's figures. Latencies in microseconds, from the request written to the response read
     * (wrk's measure: time a request waited for its slot is not in it).
     */
    record Result(long requests, long durationMicros, long p50, long p90, long p99, long p999, long max, double mean, long errors,
                  long clientCpuNanos) {
        double ratePerSecond() {
            return requests * 1_000_000.0 / durationMicros;
        }
    }

    /** The installed wrk's version line, or null when there is none. */
    static String version() throws InterruptedException {
        try {
            ProcessRun run = ProcessRun.of(List.of("wrk", "--version"));
            String line = run.stdout().lines().findFirst().orElse("").strip();
            return line.startsWith("wrk") ? line : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs wrk against {@code url} for {@code seconds}.
     *
     * @param rate requests per second over all threads; 0 for as fast as the connections allow
     */
    static Result run(String url, Path bodies, int rate, int seconds, int connections, int threads) throws IOException, InterruptedException {
        Path script = Files.createTempFile("mooring-admission", ".lua");
        try {
            String interval = rate == 0 ? "0" : String.valueOf(threads * 1000.0 / rate);
            Files.writeString(script, template().replace("@INTERVAL_MS@", interval).replace("@BODIES@", bodies.toString()));
            ProcessRun run = ProcessRun.of(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                    "-s", script.toString(), url));
            String line = run.stdout().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT line: " + run.failure()));
            Map<String, String> fields = new HashMap<>();
            Matcher matcher = FIELD.matcher(line);
            while (matcher.find()) {
                fields.put(matcher.group(1), matcher.group(2));
            }
            long errors = 0;
            for (String error : List.of("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")) {
                errors += Long.parseLong(fields.get(error));
            }
            return new Result(Long.parseLong(fields.get("requests")), Long.parseLong(fields.get("duration_us")), Long.parseLong(fields.get("p50_us")),
                    Long.parseLong(fields.get("p90_us")), Long.parseLong(fields.get("p99_us")), Long.parseLong(fields.get("p999_us")),
                    Long.parseLong(fields.get("max_us")), Double.parseDouble(fields.get("mean_us")), errors, run.cpuNanos());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String template() {
        try (InputStream in = Wrk.class.getResourceAsStream("admission/admission.lua")) {
            if (in == null) {
                throw new IllegalStateException("admission/admission.lua is missing from the benchmark's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
