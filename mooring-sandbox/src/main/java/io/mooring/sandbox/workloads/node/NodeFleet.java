package io.mooring.sandbox.workloads.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Quantity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The simulated nodes: {@code sandbox-node-1..N}, cycling through three zones of one region and
 * a mix of instance types, every fifth on spot capacity; each with the labels, capacity,
 * allocatable, conditions, addresses and node info a kubelet would report.
 */
public final class NodeFleet {
    public static final String NAME_PREFIX = "sandbox-node-";
    public static final String REGION = "us-east-1";
    public static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    public static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
    /** Karpenter's label for spot or on-demand capacity, which cost tools read. */
    public static final String CAPACITY_TYPE_LABEL = "karpenter.sh/capacity-type";
    public static final String KUBELET_VERSION = "v1.34.1";
    private static final long EPHEMERAL_STORAGE_BYTES = 100L << 30;

    private NodeFleet() {
    }

    /** Creates the nodes {@code 1..count} that do not exist yet (a sandbox restarted from saved state keeps its own). */
    public static void ensure(Client client, int count, Instant now) {
        for (int n = 1; n <= count; n++) {
            String name = NAME_PREFIX + n;
            if (client.get(Kinds.NODES, "", name).isPresent()) {
                continue;
            }
            ObjectNode created = client.create(Kinds.NODES, node(n));
            client.updateStatus(Kinds.NODES, created, status(created, now));
        }
    }

    /** Node {@code n} (from 1) without its status. */
    public static ObjectNode node(int n) {
        String name = NAME_PREFIX + n;
        InstanceType type = InstanceType.MIX.get((n - 1) % InstanceType.MIX.size());
        String zone = ZONES.get((n - 1) % ZONES.size());
        ObjectNode node = Json.object();
        node.put("apiVersion", "v1");
        node.put("kind", "Node");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("name", name);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put(CAPACITY_TYPE_LABEL, n % 5 == 0 ? "spot" : "on-demand");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put(INSTANCE_TYPE_LABEL, type.name());
        labels.put("topology.kubernetes.io/region", REGION);
        labels.put("topology.kubernetes.io/zone", zone);
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("node.alpha.kubernetes.io/ttl", "0");
        annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = node.putObject("spec");
        String cidr = podCidr(n - 1);
        spec.put("podCIDR", cidr);
        spec.putArray("podCIDRs").add(cidr);
        spec.put("providerID", "sandbox://" + zone + "/" + name);
        return node;
    }

    /** The {@code /24} of pod addresses of the node with this index: {@code 10.244.0.0/24}, {@code 10.244.1.0/24}, ... */
    public static String podCidr(int index) {
        return "10." + (244 + index / 256) + "." + (index % 256) + ".0/24";
    }

    /** The index a pod CIDR stands for, or -1 when it is not one of ours. */
    public static int cidrIndex(String cidr) {
        String[] parts = cidr.split("[./]");
        if (parts.length != 5 || !parts[0].equals("10")) {
            return -1;
        }
        try {
            return (Integer.parseInt(parts[1]) - 244) * 256 + Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The node's address on the node network, from its pod CIDR's index: {@code 10.0.0.10}, {@code 10.0.0.11}, ... */
    public static String internalIp(int index) {
        int host = index + 10;
        return "10.0." + host / 256 + "." + host % 256;
    }

    /** What the kubelet reports for a node: capacity and allocatable of its instance type, Ready, addresses, node info. */
    public static ObjectNode status(JsonNode node, Instant now) {
        String name = Json.name(node);
        InstanceType type = InstanceType.named(Json.labels(node).getOrDefault(INSTANCE_TYPE_LABEL, ""));
        ObjectNode status = Json.object();
        ObjectNode capacity = status.putObject("capacity");
        resources(capacity, type.cpuMillis(), type.memoryBytes(), EPHEMERAL_STORAGE_BYTES, type.maxPods());
        ObjectNode allocatable = status.putObject("allocatable");
        resources(allocatable, type.cpuMillis() - type.reservedCpuMillis(), type.memoryBytes() - type.reservedMemoryBytes(),
                EPHEMERAL_STORAGE_BYTES * 9 / 10, type.maxPods());
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
        condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
        condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now);
        condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
        ArrayNode addresses = status.putArray("addresses");
        int index = cidrIndex(node.path("spec").path("podCIDR").asText(""));
        if (index >= 0) {
            addresses.addObject().put("type", "InternalIP").put("address", internalIp(index));
        }
        addresses.addObject().put("type", "Hostname").put("address", name);
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        ObjectNode info = status.putObject("nodeInfo");
        info.put("machineID", id(name, "machine").replace("-", ""));
        info.put("systemUUID", id(name, "system"));
        info.put("bootID", id(name, "boot"));
        info.put("kernelVersion", "6.8.0-sandbox");
        info.put("osImage", "Mooring sandbox (simulated node)");
        info.put("containerRuntimeVersion", "containerd://1.7.27");
        info.put("kubeletVersion", KUBELET_VERSION);
        info.put("kubeProxyVersion", "");
        info.put("operatingSystem", "linux");
        info.put("architecture", "amd64");
        status.putObject("features").put("supplementalGroupsPolicy", true);
        return status;
    }

    private static void resources(ObjectNode map, long cpuMillis, long memoryBytes, long storageBytes, int pods) {
        map.put("cpu", Quantity.cpu(cpuMillis));
        map.put("ephemeral-storage", Quantity.kibibytes(storageBytes));
        map.put("hugepages-1Gi", "0");
        map.put("hugepages-2Mi", "0");
        map.put("memory", Quantity.kibibytes(memoryBytes));
        map.put("pods", Integer.toString(pods));
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message, Instant now) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastHeartbeatTime", Json.time(now));
        condition.put("lastTransitionTime", Json.time(now));
        condition.put("reason", reason);
        condition.put("message", message);
    }

    private static String id(String name, String what) {
        return UUID.nameUUIDFromBytes((what + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
