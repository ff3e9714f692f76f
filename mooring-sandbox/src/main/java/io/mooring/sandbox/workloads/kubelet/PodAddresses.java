package io.mooring.sandbox.workloads.kubelet;

import io.mooring.sandbox.workloads.node.NodeFleet;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Pod IPs from each node's pod CIDR, as the CNI plugin hands them out: the lowest free host
 * address from {@code .2} (the node keeps {@code .1}), taken back when the pod ends.
 */
final class PodAddresses {
    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    private final Map<String, BitSet> usedByNode = new HashMap<>();
    private final Map<String, Assigned> byPod = new HashMap<>();

    private record Assigned(String node, int host, String ip) {
    }

    /** The address of a pod, given out now if it has none. Null when the node's range is full or unknown. */
    String assign(String podKey, String node, String podCidr) {
        Assigned existing = byPod.get(podKey);
        if (existing != null) {
            return existing.ip();
        }
        String prefix = prefix(podCidr);
        if (prefix == null) {
            return null;
        }
        BitSet used = usedByNode.computeIfAbsent(node, n -> new BitSet());
        int host = used.nextClearBit(FIRST_HOST);
        if (host > LAST_HOST) {
            return null;
        }
        used.set(host);
        String ip = prefix + host;
        byPod.put(podKey, new Assigned(node, host, ip));
        return ip;
    }

    /** Records an address a pod already has (seen after a restart), so it is not handed out twice. */
    void keep(String podKey, String node, String podCidr, String ip) {
        String prefix = prefix(podCidr);
        if (prefix == null || !ip.startsWith(prefix) || byPod.containsKey(podKey)) {
            return;
        }
        try {
            int host = Integer.parseInt(ip.substring(prefix.length()));
            usedByNode.computeIfAbsent(node, n -> new BitSet()).set(host);
            byPod.put(podKey, new Assigned(node, host, ip));
        } catch (NumberFormatException e) {
            // Not an address of ours: nothing to keep.
        }
    }

    void release(String podKey) {
        Assigned gone = byPod.remove(podKey);
        if (gone != null) {
            usedByNode.get(gone.node()).clear(gone.host());
        }
    }

    void clear() {
        usedByNode.clear();
        byPod.clear();
    }

    /** {@code 10.244.3.} for {@code 10.244.3.0/24}; null for a range that is not one of the nodes' /24s. */
    private static String prefix(String podCidr) {
        if (podCidr == null || NodeFleet.cidrIndex(podCidr) < 0 || !podCidr.endsWith(".0/24")) {
            return null;
        }
        return podCidr.substring(0, podCidr.length() - "0/24".length());
    }
}
