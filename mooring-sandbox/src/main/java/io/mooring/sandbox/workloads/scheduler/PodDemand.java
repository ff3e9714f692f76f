package io.mooring.sandbox.workloads.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Resources;
import io.mooring.sandbox.workloads.objects.Selectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of the node it goes to: resources (one of the node's pod slots included),
 * the node selector and affinity of its spec, the taints it tolerates.
 */
public record PodDemand(Resources requests, Resources nonZeroRequests, Map<String, String> nodeSelector, JsonNode requiredAffinity,
                        List<Toleration> tolerations) {
    /** The scheduler's stand-ins for a container that requests no CPU or memory ({@code DefaultMilliCPURequest}, {@code DefaultMemoryRequest}). */
    static final long DEFAULT_CPU_MILLIS = 100;
    static final long DEFAULT_MEMORY_BYTES = 200L << 20;

    public record Toleration(String key, String operator, String value, String effect) {
        /** {@code ToleratesTaint}: an empty key with Exists tolerates everything, an empty effect every effect. */
        boolean tolerates(NodeView.Taint taint) {
            if (!effect.isEmpty() && !effect.equals(taint.effect())) {
                return false;
            }
            if (!key.isEmpty() && !key.equals(taint.key())) {
                return false;
            }
            return switch (operator) {
                case "", "Equal" -> value.equals(taint.value());
                case "Exists" -> true;
                default -> false;
            };
        }
    }

    public static PodDemand of(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        Resources requests = Resources.requestedBy(spec);
        requests = requests.with(Resources.PODS, 1);
        long cpu = 0;
        long memory = 0;
        for (JsonNode container : spec.path("containers")) {
            Resources asked = Resources.requestOf(container);
            cpu += asked.cpu() == 0 ? DEFAULT_CPU_MILLIS : asked.cpu();
            memory += asked.memory() == 0 ? DEFAULT_MEMORY_BYTES : asked.memory();
        }
        Resources nonZero = new Resources(Map.of(Resources.CPU, cpu, Resources.MEMORY, memory));
        List<Toleration> tolerations = new ArrayList<>();
        for (JsonNode t : spec.path("tolerations")) {
            tolerations.add(new Toleration(t.path("key").asText(""), t.path("operator").asText(""), t.path("value").asText(""),
                    t.path("effect").asText("")));
        }
        return new PodDemand(requests, nonZero, Json.strings(spec.path("nodeSelector")), Selectors.requiredNodeAffinity(spec),
                List.copyOf(tolerations));
    }

    boolean tolerates(NodeView.Taint taint) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }
}
