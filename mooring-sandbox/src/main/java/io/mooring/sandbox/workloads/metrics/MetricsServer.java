package io.mooring.sandbox.workloads.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.WatchEvent;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Quantity;
import io.mooring.sandbox.workloads.objects.Resources;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What metrics-server serves: {@code metrics.k8s.io/v1beta1} PodMetrics and NodeMetrics, which
 * {@code kubectl top} and autoscalers read. The figures come from {@link UsageModel}, computed
 * when the API is read (nothing is stored, nothing is written, as an aggregated API would); this
 * controller only keeps, from its watch, what the running pods request and where they run.
 * A node uses what its running pods use plus its system overhead.
 */
public final class MetricsServer implements Controller {
    public static final String GROUP = "metrics.k8s.io";
    public static final String VERSION = "v1beta1";

    private final UsageModel model;
    private final Clock clock;
    private final Map<String, PodUsage> pods = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> nodes = new ConcurrentHashMap<>();

    private record Container(String name, long cpuRequest, long cpuLimit, long memoryRequest, long memoryLimit) {
    }

    private record PodUsage(String namespace, String name, Map<String, String> labels, String node, List<Container> containers) {
    }

    public MetricsServer(UsageModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** Registers the two kinds with the API, served from this controller's figures. */
    public void serveOn(ResourceApi api) {
        api.serve(new ResourceType(GROUP, VERSION, "PodMetrics", "pods", true, Set.of("get", "list"), Set.of(), List.of(), List.of()),
                this::podMetrics);
        api.serve(new ResourceType(GROUP, VERSION, "NodeMetrics", "nodes", false, Set.of("get", "list"), Set.of(), List.of(), List.of()),
                namespace -> nodeMetrics());
    }

    @Override
    public String name() {
        return "metrics-server";
    }

    @Override
    public Set<String> watches() {
        return Set.of(Kinds.PODS, Kinds.NODES);
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode object = event.object();
        boolean gone = event.type() == WatchEvent.Type.DELETED;
        if (event.typeKey().equals(Kinds.NODES)) {
            if (gone) {
                nodes.remove(Json.name(object));
            } else {
                nodes.put(Json.name(object), Map.copyOf(Json.labels(object)));
            }
            return;
        }
        String key = Json.key(object);
        if (gone || !Pods.phase(object).equals(Pods.RUNNING) || Json.deleting(object)) {
            pods.remove(key);
        } else if (!pods.containsKey(key)) {
            List<Container> containers = new ArrayList<>();
            for (JsonNode container : object.path("spec").path("containers")) {
                Resources requests = Resources.of(container.path("resources").path("requests"));
                Resources limits = Resources.of(container.path("resources").path("limits"));
                containers.add(new Container(container.path("name").asText(), requests.cpu(), limits.cpu(), requests.memory(),
                        limits.memory()));
            }
            pods.put(key, new PodUsage(Json.namespace(object), Json.name(object), Map.copyOf(Json.labels(object)),
                    Pods.nodeName(object), List.copyOf(containers)));
        }
    }

    @Override
    public void relist() {
        pods.clear();
        nodes.clear();
    }

    private List<ObjectNode> podMetrics(String namespace) {
        Instant now = clock.instant();
        Instant window = UsageModel.windowOf(now);
        return pods.values().stream().filter(p -> namespace.isEmpty() || p.namespace().equals(namespace))
                .sorted(Comparator.comparing(PodUsage::namespace).thenComparing(PodUsage::name))
                .map(p -> {
                    ObjectNode metrics = metricsObject("PodMetrics", p.name(), p.labels(), now, window);
                    metrics.withObjectProperty("metadata").put("namespace", p.namespace());
                    ArrayNode containers = metrics.putArray("containers");
                    for (Container c : p.containers()) {
                        ObjectNode container = containers.addObject();
                        container.put("name", c.name());
                        usage(container, cpu(p, c, window), memory(p, c, window));
                    }
                    return metrics;
                }).toList();
    }

    private List<ObjectNode> nodeMetrics() {
        Instant now = clock.instant();
        Instant window = UsageModel.windowOf(now);
        Map<String, long[]> totals = new ConcurrentHashMap<>();
        for (PodUsage pod : pods.values()) {
            long[] total = totals.computeIfAbsent(pod.node(), n -> new long[2]);
            for (Container c : pod.containers()) {
                total[0] += cpu(pod, c, window);
                total[1] += memory(pod, c, window);
            }
        }
        return nodes.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(node -> {
            long[] total = totals.getOrDefault(node.getKey(), new long[2]);
            String system = "node/" + node.getKey();
            long cpu = total[0] + model.cpuNanos(system, 200, 0, window);
            long memory = total[1] + model.memoryBytes(system, 1L << 30, 0, window);
            ObjectNode metrics = metricsObject("NodeMetrics", node.getKey(), node.getValue(), now, window);
            usage(metrics, cpu, memory);
            return metrics;
        }).toList();
    }

    private long cpu(PodUsage pod, Container c, Instant window) {
        return model.cpuNanos(identity(pod, c), c.cpuRequest(), c.cpuLimit(), window);
    }

    private long memory(PodUsage pod, Container c, Instant window) {
        return model.memoryBytes(identity(pod, c), c.memoryRequest(), c.memoryLimit(), window);
    }

    private static String identity(PodUsage pod, Container c) {
        return pod.namespace() + "/" + pod.name() + "/" + c.name();
    }

    private static ObjectNode metricsObject(String kind, String name, Map<String, String> labels, Instant now, Instant window) {
        ObjectNode metrics = Json.object();
        metrics.put("kind", kind);
        metrics.put("apiVersion", GROUP + "/" + VERSION);
        ObjectNode metadata = metrics.putObject("metadata");
        metadata.put("name", name);
        metadata.put("creationTimestamp", Json.time(now));
        metadata.set("labels", Json.stringMap(labels));
        metrics.put("timestamp", Json.time(window));
        metrics.put("window", UsageModel.WINDOW.toSeconds() + "s");
        return metrics;
    }

    private static void usage(ObjectNode holder, long cpuNanos, long memoryBytes) {
        ObjectNode usage = holder.putObject("usage");
        usage.put("cpu", Quantity.nanocores(cpuNanos));
        usage.put("memory", Quantity.kibibytes(memoryBytes));
    }
}
