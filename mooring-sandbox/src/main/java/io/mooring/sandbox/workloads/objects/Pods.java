package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/** What controllers ask of a pod: its phase, whether it is active, ready, available. */
public final class Pods {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private Pods() {
    }

    public static String phase(JsonNode pod) {
        return pod.path("status").path("phase").asText(PENDING);
    }

    public static boolean terminal(JsonNode pod) {
        String phase = phase(pod);
        return phase.equals(SUCCEEDED) || phase.equals(FAILED);
    }

    /** Neither finished nor being deleted: what ReplicaSets and Jobs count ({@code FilterActivePods}). */
    public static boolean active(JsonNode pod) {
        return !terminal(pod) && !Json.deleting(pod);
    }

    public static String nodeName(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText("");
    }

    public static boolean ready(JsonNode pod) {
        return Conditions.isTrue(pod.path("status"), "Ready");
    }

    /** When the pod last became ready, or null when it is not ready. */
    public static Instant readySince(JsonNode pod) {
        JsonNode ready = Conditions.get(pod.path("status"), "Ready");
        if (ready == null || !ready.path("status").asText().equals("True")) {
            return null;
        }
        return Json.timeOr(ready.path("lastTransitionTime"), null);
    }

    /** Ready for at least {@code minReadySeconds} ({@code IsPodAvailable}). */
    public static boolean available(JsonNode pod, int minReadySeconds, Instant now) {
        if (!ready(pod)) {
            return false;
        }
        Instant since = readySince(pod);
        return minReadySeconds == 0 || since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    /** How long until a ready pod counts as available; zero when it already does or is not ready. */
    public static Duration untilAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        Instant since = readySince(pod);
        if (since == null || minReadySeconds == 0) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, since.plusSeconds(minReadySeconds));
        return left.isNegative() ? Duration.ZERO : left.plusMillis(1);
    }

    public static int restarts(JsonNode pod) {
        int total = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            total += status.path("restartCount").asInt(0);
        }
        for (JsonNode status : pod.path("status").path("initContainerStatuses")) {
            total += status.path("restartCount").asInt(0);
        }
        return total;
    }

    /**
     * The pod's quality of service class ({@code GetPodQOS}): Guaranteed when every container
     * has equal CPU and memory requests and limits, BestEffort when none has any, else Burstable.
     */
    public static String qosClass(JsonNode podSpec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[]{"initContainers", "containers"}) {
            for (JsonNode container : podSpec.path(list)) {
                Resources requests = Resources.requestOf(container);
                Resources limits = Resources.of(container.path("resources").path("limits"));
                for (String resource : new String[]{Resources.CPU, Resources.MEMORY}) {
                    if (requests.get(resource) > 0 || limits.get(resource) > 0) {
                        any = true;
                    }
                    if (limits.get(resource) == 0 || requests.get(resource) != limits.get(resource)) {
                        guaranteed = false;
                    }
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
