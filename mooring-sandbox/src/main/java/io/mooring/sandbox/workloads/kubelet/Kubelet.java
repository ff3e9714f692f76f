package io.mooring.sandbox.workloads.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The kubelets of all simulated nodes: each pod bound to a node gets the status its containers
 * have at the moment ({@link PodStatuses}), rewritten whenever it changes (started, ready,
 * crashed, finished), and an address from its node's pod CIDR. Pods bound to a node that does
 * not exist stay Pending, as they would with no kubelet to run them. A deleted pod is gone at
 * once (the API server has no grace period for the kubelet to honour).
 */
public final class Kubelet extends Reconciler {
    private static final String BY_NODE = "node";

    private final Cache pods;
    private final Cache nodes;
    private final PodAddresses addresses = new PodAddresses();
    private final PodStatuses.Settings settings;

    public Kubelet(Client client, Clock clock, PodStatuses.Settings settings) {
        super("kubelet", client, clock);
        this.settings = settings;
        this.pods = watch(Kinds.PODS).index(BY_NODE, pod -> Pods.nodeName(pod).isEmpty() ? null : Pods.nodeName(pod));
        this.nodes = watch(Kinds.NODES);
    }

    @Override
    protected void forget() {
        addresses.clear();
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.NODES)) {
            if (change.after() != null) {
                pods.byIndex(BY_NODE, Json.name(change.after())).forEach(pod -> enqueue(Json.key(pod)));
            }
            return;
        }
        ObjectNode pod = change.after();
        String key = Json.key(change.current());
        if (pod == null || Pods.terminal(pod)) {
            addresses.release(key);
            return;
        }
        String node = Pods.nodeName(pod);
        if (node.isEmpty()) {
            return;
        }
        String ip = pod.path("status").path("podIP").asText("");
        ObjectNode nodeObject = nodes.get("", node);
        if (!ip.isEmpty() && nodeObject != null) {
            addresses.keep(key, node, podCidr(nodeObject), ip);
        }
        enqueue(key);
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode pod = pods.get(key);
        if (pod == null || Json.deleting(pod) || Pods.terminal(pod)) {
            return;
        }
        ObjectNode node = nodes.get("", Pods.nodeName(pod));
        if (node == null) {
            return;
        }
        Instant started = Json.timeOr(pod.path("status").path("startTime"), now.truncatedTo(ChronoUnit.SECONDS));
        String podIp = addresses.assign(key, Json.name(node), podCidr(node));
        PodStatuses.Result result = PodStatuses.at(pod, started, hostIp(node), podIp, settings, now);
        if (!result.status().equals(pod.path("status"))) {
            client.updateStatus(Kinds.PODS, pod, result.status());
        }
        if (result.next() != null) {
            enqueueAfter(key, Duration.between(now, result.next()));
        }
    }

    private static String podCidr(JsonNode node) {
        return node.path("spec").path("podCIDR").asText("");
    }

    private static String hostIp(JsonNode node) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (address.path("type").asText().equals("InternalIP")) {
                return address.path("address").asText();
            }
        }
        return "";
    }
}
