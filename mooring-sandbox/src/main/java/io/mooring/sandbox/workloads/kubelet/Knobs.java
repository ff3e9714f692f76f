package io.mooring.sandbox.workloads.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.workloads.objects.Json;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a pod asks the simulated kubelet to misbehave, by annotations on the pod (put them on a
 * Deployment's pod template to affect all its pods):
 * <ul>
 *   <li>{@value #START_DELAY}: how long after it is scheduled the pod's containers start (and,
 *       having no readiness probe that runs, become ready); overrides the sandbox's default.</li>
 *   <li>{@value #CRASH_LOOP}{@code : "true"}: every container exits with code 1 a second after
 *       it starts and is restarted with the kubelet's back-off, showing CrashLoopBackOff and a
 *       growing restartCount; it is never ready.</li>
 *   <li>{@value #NEVER_READY}{@code : "true"}: the containers run but never become ready.</li>
 *   <li>{@value #FAIL}{@code : "true"}: the containers exit with code 1 (after
 *       {@value #EXIT_AFTER}, or at once): a pod with restartPolicy Never fails (a Job's failed
 *       pod); OnFailure and Always restart it as in a crash loop.</li>
 *   <li>{@value #EXIT_AFTER}: the containers exit with code 0 this long after they start: a pod
 *       with restartPolicy Never or OnFailure succeeds then (without it, at once); with Always
 *       they are restarted as in a crash loop.</li>
 * </ul>
 * Durations are seconds ({@code "2.5"}) or Go durations ({@code "500ms"}, {@code "30s"}, {@code "2m"}).
 */
public record Knobs(Duration startDelay, boolean crashLoop, boolean neverReady, boolean fail, Duration exitAfter) {
    public static final String PREFIX = "sandbox.mooring.io/";
    public static final String START_DELAY = PREFIX + "start-delay";
    public static final String CRASH_LOOP = PREFIX + "crash-loop";
    public static final String NEVER_READY = PREFIX + "never-ready";
    public static final String FAIL = PREFIX + "fail";
    public static final String EXIT_AFTER = PREFIX + "exit-after";
    /** How long a crash-looping container runs before it exits. */
    static final Duration CRASH_RUN = Duration.ofSeconds(1);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    public static Knobs of(JsonNode pod) {
        return new Knobs(duration(Json.annotation(pod, START_DELAY)), flag(Json.annotation(pod, CRASH_LOOP)),
                flag(Json.annotation(pod, NEVER_READY)), flag(Json.annotation(pod, FAIL)), duration(Json.annotation(pod, EXIT_AFTER)));
    }

    private static boolean flag(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    /** A duration, or null when absent or not understood (then the knob does nothing). */
    static Duration duration(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1_000;
        };
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
    }
}
