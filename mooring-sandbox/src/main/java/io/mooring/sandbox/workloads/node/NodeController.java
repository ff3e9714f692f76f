package io.mooring.sandbox.workloads.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;

/**
 * Nodes added after the start (a Node applied with kubectl) join the simulation: the node IPAM
 * controller's part gives them a pod CIDR, and a simulated kubelet reports their status (the
 * instance type their label names, else the first of the mix).
 */
public final class NodeController extends Reconciler {
    private final Cache nodes;
    /** CIDRs given out by this controller, which its cache may not show yet. */
    private final BitSet assigned = new BitSet();

    public NodeController(Client client, Clock clock) {
        super("nodes", client, clock);
        this.nodes = watch(Kinds.NODES);
    }

    @Override
    protected void forget() {
        assigned.clear();
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (change.after() != null) {
            enqueue(Json.key(change.after()));
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode node = nodes.get(key);
        if (node == null || Json.deleting(node)) {
            return;
        }
        if (node.path("spec").path("podCIDR").asText("").isEmpty()) {
            String cidr = NodeFleet.podCidr(freeIndex());
            ObjectNode patch = Json.object();
            patch.putObject("metadata").put("uid", Json.uid(node));
            ObjectNode spec = patch.putObject("spec");
            spec.put("podCIDR", cidr);
            spec.putArray("podCIDRs").add(cidr);
            node = client.patch(Kinds.NODES, "", Json.name(node), patch);
        }
        if (Conditions.get(node.path("status"), "Ready") == null) {
            client.updateStatus(Kinds.NODES, node, NodeFleet.status(node, now));
        }
    }

    private int freeIndex() {
        BitSet used = (BitSet) assigned.clone();
        for (ObjectNode node : nodes.all()) {
            int index = NodeFleet.cidrIndex(node.path("spec").path("podCIDR").asText(""));
            if (index >= 0) {
                used.set(index);
            }
        }
        int free = used.nextClearBit(0);
        assigned.set(free);
        return free;
    }
}
