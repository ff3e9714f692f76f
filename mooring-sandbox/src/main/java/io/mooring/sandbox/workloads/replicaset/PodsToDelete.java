package io.mooring.sandbox.workloads.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a ReplicaSet deletes first when it scales down ({@code ActivePodsWithRanks}):
 * unscheduled before scheduled, pending before running, not ready before ready, lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first, pods sharing a node with more of
 * their siblings first, then the most recently ready, the most restarted, the newest. (Kubernetes
 * compares the times in logarithmic buckets; the sandbox compares them exactly.)
 */
public final class PodsToDelete {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private PodsToDelete() {
    }

    public static <T extends JsonNode> List<T> choose(List<T> active, int count) {
        if (count >= active.size()) {
            return List.copyOf(active);
        }
        Map<String, Integer> onNode = new HashMap<>();
        active.forEach(p -> onNode.merge(Pods.nodeName(p), 1, Integer::sum));
        Comparator<JsonNode> order = Comparator.<JsonNode>comparingInt(p -> Pods.nodeName(p).isEmpty() ? 0 : 1)
                .thenComparingInt(p -> phaseOrdinal(Pods.phase(p)))
                .thenComparingInt(p -> Pods.ready(p) ? 1 : 0)
                .thenComparingLong(PodsToDelete::deletionCost)
                .thenComparingInt(p -> -onNode.getOrDefault(Pods.nodeName(p), 0))
                .thenComparing(PodsToDelete::readySince, Comparator.nullsFirst(Comparator.reverseOrder()))
                .thenComparingInt(p -> -Pods.restarts(p))
                .thenComparing(Json::created, Comparator.reverseOrder())
                .thenComparing(Json::uid);
        List<T> sorted = new ArrayList<>(active);
        sorted.sort(order);
        return sorted.subList(0, count);
    }

    private static int phaseOrdinal(String phase) {
        return switch (phase) {
            case Pods.PENDING -> 0;
            case "Unknown" -> 1;
            case Pods.RUNNING -> 2;
            default -> 0;
        };
    }

    private static long deletionCost(JsonNode pod) {
        String cost = Json.annotation(pod, DELETION_COST);
        try {
            return cost == null ? 0 : Integer.parseInt(cost.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Only compared between two ready pods: for others it is null and ties. */
    private static Instant readySince(JsonNode pod) {
        return Pods.ready(pod) ? Pods.readySince(pod) : null;
    }
}
