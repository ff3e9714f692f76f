package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts of resources by name: {@code cpu} in millicores, everything else ({@code memory},
 * {@code pods}, {@code nvidia.com/gpu}) in units.
 */
public record Resources(Map<String, Long> amounts) {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String PODS = "pods";
    public static final Resources NONE = new Resources(Map.of());

    public Resources {
        amounts = Map.copyOf(amounts);
    }

    /** A {@code requests}/{@code limits}/{@code allocatable} map. */
    public static Resources of(JsonNode map) {
        Map<String, Long> amounts = new TreeMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> amounts.put(e.getKey(),
                    e.getKey().equals(CPU) ? Quantity.millis(e.getValue()) : Quantity.units(e.getValue())));
        }
        return new Resources(amounts);
    }

    public long get(String name) {
        return amounts.getOrDefault(name, 0L);
    }

    public long cpu() {
        return get(CPU);
    }

    public long memory() {
        return get(MEMORY);
    }

    public Resources plus(Resources other) {
        Map<String, Long> sum = new TreeMap<>(amounts);
        other.amounts.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new Resources(sum);
    }

    public Resources minus(Resources other) {
        Map<String, Long> difference = new TreeMap<>(amounts);
        other.amounts.forEach((k, v) -> difference.merge(k, -v, Long::sum));
        return new Resources(difference);
    }

    public Resources max(Resources other) {
        Map<String, Long> max = new TreeMap<>(amounts);
        other.amounts.forEach((k, v) -> max.merge(k, v, Math::max));
        return new Resources(max);
    }

    public Resources with(String name, long amount) {
        Map<String, Long> changed = new TreeMap<>(amounts);
        changed.put(name, amount);
        return new Resources(changed);
    }

    /**
     * What a pod asks of its node, as the scheduler counts it: the sum of its containers'
     * requests (a limit stands for a missing request, as the API's defaulting does), restartable
     * init containers (sidecars) added, at least the largest init container, plus the pod overhead.
     */
    public static Resources requestedBy(JsonNode podSpec) {
        Resources containers = NONE;
        for (JsonNode container : podSpec.path("containers")) {
            containers = containers.plus(requestOf(container));
        }
        Resources init = NONE;
        for (JsonNode container : podSpec.path("initContainers")) {
            if (container.path("restartPolicy").asText("").equals("Always")) {
                containers = containers.plus(requestOf(container));
            } else {
                init = init.max(requestOf(container));
            }
        }
        return containers.max(init).plus(of(podSpec.path("overhead")));
    }

    /** A container's requests, its limits standing in for requests it does not state. */
    public static Resources requestOf(JsonNode container) {
        JsonNode resources = container.path("resources");
        return of(resources.path("limits")).plusReplacing(of(resources.path("requests")));
    }

    private Resources plusReplacing(Resources override) {
        Map<String, Long> merged = new TreeMap<>(amounts);
        merged.putAll(override.amounts);
        return new Resources(merged);
    }
}
