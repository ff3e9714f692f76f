package io.mooring.sandbox.workloads.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;
import io.mooring.sandbox.workloads.objects.Resources;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-scheduler's part: binds pending pods to nodes (see {@link Placement} for how it chooses),
 * in the order they arrive. It counts what the pods on each node request as they are bound, not
 * when the watch shows them bound (kube-scheduler's "assumed" pods), so many pods placed at once
 * do not all land on the same free node. A pod no node takes gets {@code PodScheduled=False}
 * with reason Unschedulable and a FailedScheduling event, and is tried again when a node is added
 * or changes, or a pod leaves.
 */
public final class Scheduler extends Reconciler {
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    private final Cache pods;
    /** Per node, what its pods request: actual and with the scoring stand-ins. */
    private final Map<String, Resources[]> usage = new HashMap<>();
    /** Where each bound pod counts, and what. */
    private final Map<String, Bound> bound = new HashMap<>();
    private final Set<String> unschedulable = new LinkedHashSet<>();
    /** Nodes as the scheduler reads them, kept from the watch: parsed once per change, not once per pod. */
    private final Map<String, NodeView> views = new HashMap<>();
    private long events;

    private record Bound(String node, PodDemand demand) {
    }

    public Scheduler(Client client, Clock clock) {
        super("scheduler", client, clock);
        this.pods = watch(Kinds.PODS);
        watch(Kinds.NODES);
    }

    @Override
    protected void forget() {
        usage.clear();
        bound.clear();
        views.clear();
        unschedulable.clear();
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.NODES)) {
            ObjectNode node = change.after();
            if (node == null || Json.deleting(node)) {
                views.remove(Json.name(change.current()));
            } else {
                views.put(Json.name(node), NodeView.of(node, Resources.NONE, Resources.NONE));
            }
            unschedulable.forEach(this::enqueue);
            return;
        }
        ObjectNode pod = change.after();
        String key = Json.key(change.current());
        if (pod == null || Pods.terminal(pod)) {
            if (release(key)) {
                unschedulable.forEach(this::enqueue);
            }
            unschedulable.remove(key);
            return;
        }
        String node = Pods.nodeName(pod);
        if (!node.isEmpty()) {
            unschedulable.remove(key);
            if (!bound.containsKey(key)) {
                hold(key, node, PodDemand.of(pod));
            }
        } else if (!Json.deleting(pod) && ours(pod)) {
            enqueue(key);
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode pod = pods.get(key);
        if (pod == null || !Pods.nodeName(pod).isEmpty() || bound.containsKey(key) || Json.deleting(pod) || !ours(pod)) {
            return;
        }
        PodDemand demand = PodDemand.of(pod);
        List<NodeView> candidates = views.values().stream().map(this::withUsage).toList();
        Placement.Decision decision = Placement.choose(demand, candidates);
        if (decision.scheduled()) {
            bind(pod, decision.node());
            hold(key, decision.node(), demand);
            unschedulable.remove(key);
        } else {
            unschedulable.add(key);
            reportUnschedulable(pod, decision.message(), now);
        }
    }

    private static boolean ours(JsonNode pod) {
        String scheduler = pod.path("spec").path("schedulerName").asText("");
        return scheduler.isEmpty() || scheduler.equals(DEFAULT_SCHEDULER);
    }

    private NodeView withUsage(NodeView node) {
        Resources[] used = usage.get(node.name());
        return used == null ? node : node.withRequested(used[0], used[1]);
    }

    private void bind(ObjectNode pod, String node) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", Json.uid(pod));
        patch.putObject("spec").put("nodeName", node);
        client.patch(Kinds.PODS, Json.namespace(pod), Json.name(pod), patch);
    }

    private void hold(String key, String node, PodDemand demand) {
        bound.put(key, new Bound(node, demand));
        Resources[] used = usage.computeIfAbsent(node, n -> new Resources[]{Resources.NONE, Resources.NONE});
        used[0] = used[0].plus(demand.requests());
        used[1] = used[1].plus(demand.nonZeroRequests());
    }

    /** Frees what a pod held on its node; true when it held something. */
    private boolean release(String key) {
        Bound gone = bound.remove(key);
        if (gone == null) {
            return false;
        }
        Resources[] used = usage.get(gone.node());
        used[0] = used[0].minus(gone.demand().requests());
        used[1] = used[1].minus(gone.demand().nonZeroRequests());
        return true;
    }

    private void reportUnschedulable(ObjectNode pod, String message, Instant now) {
        JsonNode current = Conditions.get(pod.path("status"), "PodScheduled");
        if (current != null && current.path("message").asText().equals(message)) {
            return;
        }
        ObjectNode status = pod.path("status").isObject() ? pod.path("status").deepCopy() : Json.object();
        status.put("phase", Pods.PENDING);
        Conditions.set(status, "PodScheduled", "False", "Unschedulable", message, now);
        ((ObjectNode) Conditions.get(status, "PodScheduled")).putNull("lastProbeTime");
        client.updateStatus(Kinds.PODS, pod, status);
        try {
            client.create(Kinds.EVENTS, failedScheduling(pod, message, now));
        } catch (ApiException e) {
            // An event is a courtesy: the pod's condition already says why it waits.
        }
    }

    private ObjectNode failedScheduling(ObjectNode pod, String message, Instant now) {
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", Json.name(pod) + "." + Long.toHexString(now.toEpochMilli() * 1_000_000 + (events++ % 1_000_000)));
        metadata.put("namespace", Json.namespace(pod));
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("apiVersion", "v1");
        involved.put("kind", "Pod");
        involved.put("namespace", Json.namespace(pod));
        involved.put("name", Json.name(pod));
        involved.put("uid", Json.uid(pod));
        event.put("reason", "FailedScheduling");
        event.put("message", message);
        event.put("type", "Warning");
        event.put("action", "Scheduling");
        event.putObject("source").put("component", DEFAULT_SCHEDULER);
        event.put("firstTimestamp", Json.time(now));
        event.put("lastTimestamp", Json.time(now));
        event.put("count", 1);
        event.put("reportingComponent", DEFAULT_SCHEDULER);
        event.put("reportingInstance", DEFAULT_SCHEDULER + "-sandbox");
        return event;
    }
}
