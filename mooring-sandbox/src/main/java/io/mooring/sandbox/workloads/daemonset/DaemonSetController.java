package io.mooring.sandbox.workloads.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;
import io.mooring.sandbox.workloads.objects.Resources;
import io.mooring.sandbox.workloads.objects.Revisions;
import io.mooring.sandbox.workloads.scheduler.NodeView;
import io.mooring.sandbox.workloads.scheduler.Placement;
import io.mooring.sandbox.workloads.scheduler.PodDemand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DaemonSet controller: one pod on every node whose labels the template selects and whose
 * taints it tolerates, none elsewhere; failed pods replaced; a RollingUpdate replaces old pods
 * node by node within maxUnavailable (or, with maxSurge, starts the new pod first and removes the
 * old one once the new is available). Revisions are ControllerRevisions; the status counts
 * desired, current, misscheduled, ready, available, unavailable and updated nodes.
 */
public final class DaemonSetController extends Reconciler {
    private static final String BY_CONTROLLER = "controller";

    private final Cache sets;
    private final Cache nodes;
    private final Cache pods;
    private final Cache revisions;

    public DaemonSetController(Client client, Clock clock) {
        super("daemonsets", client, clock);
        this.sets = watch(Kinds.DAEMON_SETS);
        this.nodes = watch(Kinds.NODES);
        this.pods = watch(Kinds.PODS).index(BY_CONTROLLER, Owners::controllerUid);
        this.revisions = watch(Kinds.CONTROLLER_REVISIONS).index(BY_CONTROLLER, Owners::controllerUid);
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        switch (typeKey) {
            case Kinds.DAEMON_SETS -> enqueue(Json.key(change.current()));
            case Kinds.NODES -> sets.all().forEach(set -> enqueue(Json.key(set)));
            default -> {
                String owner = Owners.controllerName(change.current(), "DaemonSet");
                if (owner != null) {
                    enqueue(Json.key(Json.namespace(change.current()), owner));
                }
            }
        }
    }

    /** Per node: whether the set should run there, and its pods there (oldest first). */
    private record NodePods(boolean shouldRun, List<ObjectNode> pods) {
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode set = sets.get(key);
        if (set == null || Json.deleting(set)) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>(Json.labels(set.path("spec").path("template")));
        labels.put(Revisions.HASH_LABEL, Revisions.hash(set));
        Revisions.Sync history;
        try {
            history = Revisions.sync(client, set, revisions.byIndex(BY_CONTROLLER, Json.uid(set)), labels);
        } catch (ApiException e) {
            if ("AlreadyExists".equals(e.reason())) {
                Revisions.collided(client, Kinds.DAEMON_SETS, set);
            }
            throw e;
        }
        String hash = Json.name(history.update()).substring(Json.name(set).length() + 1);
        TreeMap<String, NodePods> byNode = placement(set);
        int minReady = Json.intOr(set.path("spec").path("minReadySeconds"), 0);
        manage(set, hash, byNode);
        if (set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate").equals("RollingUpdate")) {
            roll(set, hash, byNode, minReady, now);
        }
        writeStatus(set, hash, byNode, minReady, now);
        Set<String> live = new HashSet<>(Set.of(Json.name(history.update())));
        byNode.values().forEach(n -> n.pods().forEach(p -> live.add(Json.name(set) + "-" + Json.labels(p).get(Revisions.HASH_LABEL))));
        Revisions.cleanup(client, history.all(), live, Json.intOr(set.path("spec").path("revisionHistoryLimit"), 10));
        if (minReady > 0) {
            byNode.values().stream().flatMap(n -> n.pods().stream()).filter(p -> Pods.ready(p) && !Pods.available(p, minReady, now))
                    .map(p -> Pods.untilAvailable(p, minReady, now)).min(Duration::compareTo)
                    .ifPresent(wait -> enqueueAfter(key, wait));
        }
    }

    /** Every node with whether the set should run there, plus nodes (gone ones too) where it has pods. */
    private TreeMap<String, NodePods> placement(ObjectNode set) {
        ObjectNode template = DaemonSetPods.template(set);
        ObjectNode probe = Json.object();
        probe.set("spec", template.path("spec"));
        PodDemand demand = PodDemand.of(probe);
        TreeMap<String, NodePods> byNode = new TreeMap<>();
        for (ObjectNode node : nodes.all()) {
            boolean runs = !Json.deleting(node) && Placement.eligible(demand, NodeView.of(node, Resources.NONE, Resources.NONE));
            byNode.put(Json.name(node), new NodePods(runs, new ArrayList<>()));
        }
        List<ObjectNode> owned = new ArrayList<>(pods.byIndex(BY_CONTROLLER, Json.uid(set)));
        owned.sort(Json.BY_CREATION);
        for (ObjectNode pod : owned) {
            if (!Json.deleting(pod)) {
                byNode.computeIfAbsent(DaemonSetPods.targetNode(pod), n -> new NodePods(false, new ArrayList<>())).pods().add(pod);
            }
        }
        return byNode;
    }

    /** Creates the missing pods, deletes failed, extra and misplaced ones. */
    private void manage(ObjectNode set, String hash, TreeMap<String, NodePods> byNode) {
        boolean surge = maxSurge(set, 1) > 0;
        for (Map.Entry<String, NodePods> entry : byNode.entrySet()) {
            NodePods node = entry.getValue();
            if (!node.shouldRun()) {
                node.pods().forEach(pod -> client.delete(Kinds.PODS, pod));
                node.pods().clear();
                continue;
            }
            List<ObjectNode> failed = node.pods().stream().filter(Pods::terminal).toList();
            failed.forEach(pod -> client.delete(Kinds.PODS, pod));
            node.pods().removeAll(failed);
            if (node.pods().isEmpty() && failed.isEmpty()) {
                node.pods().add(client.create(Kinds.PODS, DaemonSetPods.pod(set, hash, entry.getKey())));
                continue;
            }
            List<ObjectNode> keep = new ArrayList<>();
            for (ObjectNode pod : node.pods()) {
                boolean updated = hash.equals(Json.labels(pod).get(Revisions.HASH_LABEL));
                boolean sameKindKept = keep.stream().anyMatch(k -> hash.equals(Json.labels(k).get(Revisions.HASH_LABEL)) == updated);
                if (keep.isEmpty() || surge && !sameKindKept) {
                    keep.add(pod);
                } else {
                    client.delete(Kinds.PODS, pod);
                }
            }
            node.pods().retainAll(keep);
        }
    }

    /** One step of a rolling update ({@code rollingUpdate} in Kubernetes' daemon controller). */
    private void roll(ObjectNode set, String hash, TreeMap<String, NodePods> byNode, int minReady, Instant now) {
        int desired = (int) byNode.values().stream().filter(NodePods::shouldRun).count();
        int maxSurge = maxSurge(set, desired);
        int maxUnavailable = maxUnavailable(set, desired);
        List<ObjectNode> deletes = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        List<ObjectNode> candidates = new ArrayList<>();
        List<String> surgeCandidates = new ArrayList<>();
        int unavailable = 0;
        int surging = 0;
        for (Map.Entry<String, NodePods> entry : byNode.entrySet()) {
            if (!entry.getValue().shouldRun()) {
                continue;
            }
            ObjectNode newPod = null;
            ObjectNode oldPod = null;
            for (ObjectNode pod : entry.getValue().pods()) {
                if (hash.equals(Json.labels(pod).get(Revisions.HASH_LABEL))) {
                    newPod = pod;
                } else {
                    oldPod = pod;
                }
            }
            boolean newAvailable = newPod != null && Pods.available(newPod, minReady, now);
            boolean oldAvailable = oldPod != null && Pods.available(oldPod, minReady, now);
            if (maxSurge == 0) {
                if (oldPod == null || newPod != null) {
                    unavailable += newAvailable ? 0 : 1;
                } else if (!oldAvailable) {
                    deletes.add(oldPod);
                } else {
                    candidates.add(oldPod);
                }
            } else if (oldPod != null && newPod == null) {
                if (!oldAvailable) {
                    creates.add(entry.getKey());
                } else {
                    surgeCandidates.add(entry.getKey());
                }
            } else if (oldPod != null) {
                if (newAvailable) {
                    deletes.add(oldPod);
                } else {
                    surging++;
                }
            }
        }
        if (maxSurge == 0) {
            deletes.addAll(candidates.subList(0, Math.clamp(maxUnavailable - unavailable, 0, candidates.size())));
        } else {
            creates.addAll(surgeCandidates.subList(0, Math.clamp(maxSurge - surging, 0, surgeCandidates.size())));
        }
        deletes.forEach(pod -> client.delete(Kinds.PODS, pod));
        creates.forEach(node -> client.create(Kinds.PODS, DaemonSetPods.pod(set, hash, node)));
    }

    private static int maxSurge(JsonNode set, int desired) {
        return scaled(set.path("spec").path("updateStrategy").path("rollingUpdate").path("maxSurge"), 0, desired);
    }

    private static int maxUnavailable(JsonNode set, int desired) {
        int value = scaled(set.path("spec").path("updateStrategy").path("rollingUpdate").path("maxUnavailable"), 1, desired);
        return value == 0 && maxSurge(set, desired) == 0 ? 1 : value;
    }

    /** A number or percentage of the desired nodes, rounded up as the daemon controller does. */
    private static int scaled(JsonNode value, int otherwise, int desired) {
        if (value.isMissingNode() || value.isNull()) {
            return otherwise;
        }
        String text = value.asText();
        if (text.endsWith("%")) {
            return (int) Math.ceilDiv((long) Integer.parseInt(text.substring(0, text.length() - 1)) * desired, 100);
        }
        return Integer.parseInt(text);
    }

    private void writeStatus(ObjectNode set, String hash, TreeMap<String, NodePods> byNode, int minReady, Instant now) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (NodePods node : byNode.values()) {
            if (!node.shouldRun()) {
                misscheduled += node.pods().isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (node.pods().isEmpty()) {
                continue;
            }
            current++;
            ObjectNode pod = node.pods().getFirst();
            if (Pods.ready(pod)) {
                ready++;
                available += Pods.available(pod, minReady, now) ? 1 : 0;
            }
            updated += node.pods().stream().anyMatch(p -> hash.equals(Json.labels(p).get(Revisions.HASH_LABEL))) ? 1 : 0;
        }
        ObjectNode status = Json.object();
        status.put("currentNumberScheduled", current);
        status.put("numberMisscheduled", misscheduled);
        status.put("desiredNumberScheduled", desired);
        status.put("numberReady", ready);
        Json.putIfNonZero(status, "observedGeneration", Json.generation(set));
        Json.putIfNonZero(status, "updatedNumberScheduled", updated);
        Json.putIfNonZero(status, "numberAvailable", available);
        Json.putIfNonZero(status, "numberUnavailable", desired - available);
        JsonNode collisions = set.path("status").path("collisionCount");
        if (collisions.isNumber()) {
            status.set("collisionCount", collisions);
        }
        if (!status.equals(set.path("status"))) {
            client.updateStatus(Kinds.DAEMON_SETS, set, status);
        }
    }
}
