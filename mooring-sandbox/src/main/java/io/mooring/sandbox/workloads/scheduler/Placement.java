package io.mooring.sandbox.workloads.scheduler;

import io.mooring.sandbox.workloads.objects.Resources;
import io.mooring.sandbox.workloads.objects.Selectors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler's decision for one pod, as the default profile of kube-scheduler makes it, for
 * the plugins the sandbox has: NodeUnschedulable, TaintToleration, NodeAffinity (node selector
 * and required affinity) and NodeResourcesFit filter the nodes, in that order, the first that
 * refuses a node giving its reasons; the least allocated node that is left wins (ties by name,
 * where kube-scheduler picks at random).
 */
public final class Placement {
    static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    static final String UNSCHEDULABLE = "node(s) were unschedulable";
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";

    private Placement() {
    }

    /** A node was chosen, or none fits and {@code message} says why as kube-scheduler's FitError does. */
    public record Decision(String node, String message) {
        public boolean scheduled() {
            return node != null;
        }
    }

    public static Decision choose(PodDemand pod, Collection<NodeView> nodes) {
        if (nodes.isEmpty()) {
            return new Decision(null, "no nodes available to schedule pods");
        }
        NodeView best = null;
        long bestScore = -1;
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> preemption = new TreeMap<>();
        for (NodeView node : nodes) {
            Refusal refusal = refusal(pod, node);
            if (refusal != null) {
                refusal.reasons().forEach(r -> reasons.merge(r, 1, Integer::sum));
                preemption.merge(refusal.resolvable() ? NO_VICTIMS : NOT_HELPFUL, 1, Integer::sum);
                continue;
            }
            long score = score(pod, node);
            if (best == null || score > bestScore || score == bestScore && node.name().compareTo(best.name()) < 0) {
                best = node;
                bestScore = score;
            }
        }
        if (best != null) {
            return new Decision(best.name(), null);
        }
        String available = "0/" + nodes.size() + " nodes are available: ";
        return new Decision(null, available + histogram(reasons) + ". preemption: " + available + histogram(preemption) + ".");
    }

    /** Why a node cannot take the pod; {@code resolvable} when evicting pods could make room. */
    record Refusal(List<String> reasons, boolean resolvable) {
    }

    /**
     * Whether a pod may run on a node at all, resources aside: its NoSchedule and NoExecute
     * taints tolerated, its labels selected (what a DaemonSet asks of a node).
     */
    public static boolean eligible(PodDemand pod, NodeView node) {
        return placementRefusal(pod, node) == null;
    }

    /** Null when the node passes every filter. */
    static Refusal refusal(PodDemand pod, NodeView node) {
        if (node.unschedulable() && !pod.tolerates(new NodeView.Taint("node.kubernetes.io/unschedulable", "", "NoSchedule"))) {
            return new Refusal(List.of(UNSCHEDULABLE), false);
        }
        Refusal placement = placementRefusal(pod, node);
        if (placement != null) {
            return placement;
        }
        List<String> insufficient = new ArrayList<>();
        for (Map.Entry<String, Long> asked : pod.requests().amounts().entrySet()) {
            if (asked.getValue() <= 0) {
                continue;
            }
            long free = node.allocatable().get(asked.getKey()) - node.requested().get(asked.getKey());
            if (asked.getValue() > free) {
                insufficient.add(asked.getKey().equals(Resources.PODS) ? "Too many pods" : "Insufficient " + asked.getKey());
            }
        }
        return insufficient.isEmpty() ? null : new Refusal(insufficient, true);
    }

    /** The TaintToleration and NodeAffinity filters. */
    private static Refusal placementRefusal(PodDemand pod, NodeView node) {
        for (NodeView.Taint taint : node.taints()) {
            boolean filters = taint.effect().equals("NoSchedule") || taint.effect().equals("NoExecute");
            if (filters && !pod.tolerates(taint)) {
                return new Refusal(List.of("node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}"), false);
            }
        }
        if (!Selectors.nodeMatches(pod.nodeSelector(), pod.requiredAffinity(), node.name(), node.labels())) {
            return new Refusal(List.of(AFFINITY), false);
        }
        return null;
    }

    /** LeastAllocated over CPU and memory, 0 to 100, with the non-zero stand-ins for pods that request nothing. */
    static long score(PodDemand pod, NodeView node) {
        long total = 0;
        for (String resource : List.of(Resources.CPU, Resources.MEMORY)) {
            long capacity = node.allocatable().get(resource);
            long used = node.nonZeroRequested().get(resource) + pod.nonZeroRequests().get(resource);
            total += capacity <= 0 || used > capacity ? 0 : (capacity - used) * 100 / capacity;
        }
        return total / 2;
    }

    private static String histogram(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted(Comparator.naturalOrder())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
