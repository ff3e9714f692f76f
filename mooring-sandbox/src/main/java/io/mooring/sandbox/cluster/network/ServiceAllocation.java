package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.validation.FieldErrors;
import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * What the Service registry does on create and update: IP families (single-stack IPv4; headless
 * Services without a selector ask for both), a cluster IP unless headless or ExternalName,
 * node ports for NodePort and LoadBalancer Services, a health check port for LoadBalancers
 * with {@code externalTrafficPolicy: Local}. On update it keeps what was allocated when the new
 * object omits it, and returns what a type change makes unneeded. A failed step gives back
 * what this write took.
 */
public final class ServiceAllocation implements Admission {
    private final ServiceAddresses addresses;

    public ServiceAllocation(ServiceAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode service, ObjectNode existing) {
        if (!type.group().isEmpty() || !type.kind().equals("Service")) {
            return;
        }
        String name = Nodes.text(service, "metadata", "name");
        ObjectNode spec = Nodes.object(service, "spec");
        ObjectNode old = existing == null ? null : (ObjectNode) existing.path("spec");
        if (old != null) {
            patchAllocatedValues(old, spec);
            dropTypeDependentFields(old, spec);
        }
        Transaction txn = new Transaction();
        try {
            if (!isType(spec, "ExternalName")) {
                ipFamilies(name, spec, old);
                clusterIps(name, spec, old, txn);
            } else if (old != null && !isType(old, "ExternalName")) {
                txn.releaseAfter(() -> releaseClusterIps(old));
            }
            nodePorts(name, spec, old, txn);
            healthCheckNodePort(spec, old, txn);
        } catch (RuntimeException e) {
            txn.revert();
            throw e;
        }
        txn.commit();
    }

    // ---- update: keep what was allocated, drop what the new type no longer uses

    private static void patchAllocatedValues(ObjectNode old, ObjectNode spec) {
        if (needsClusterIp(old) && needsClusterIp(spec)) {
            if (Nodes.empty(spec, "clusterIP") && !Nodes.empty(old, "clusterIP")) {
                spec.set("clusterIP", old.get("clusterIP"));
            }
            if (Nodes.empty(spec, "clusterIPs") && !Nodes.empty(old, "clusterIPs")) {
                spec.set("clusterIPs", old.get("clusterIPs").deepCopy());
            }
        }
        if (needsNodePorts(old) && needsNodePorts(spec)) {
            Set<Integer> used = new HashSet<>(nodePortsOf(old));
            used.retainAll(nodePortsOf(spec));
            Map<String, Integer> byName = new HashMap<>();
            objects(old, "ports").forEach(p -> byName.put(p.path("name").asText(""), p.path("nodePort").asInt(0)));
            for (ObjectNode port : objects(spec, "ports")) {
                int previous = byName.getOrDefault(port.path("name").asText(""), 0);
                if (port.path("nodePort").asInt(0) == 0 && previous != 0 && !used.contains(previous)) {
                    port.put("nodePort", previous);
                }
            }
        }
        if (needsHealthCheck(old) && needsHealthCheck(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
            spec.set("healthCheckNodePort", old.get("healthCheckNodePort"));
        }
    }

    /** What the old type needed and the new one does not is removed, when the user left it as it was. */
    private static void dropTypeDependentFields(ObjectNode old, ObjectNode spec) {
        if (needsClusterIp(old) && !needsClusterIp(spec)) {
            if (same(old, spec, "clusterIP") && same(old, spec, "clusterIPs")) {
                spec.remove(List.of("clusterIP", "clusterIPs"));
            }
            if (same(old, spec, "ipFamilies") && same(old, spec, "ipFamilyPolicy")) {
                spec.remove(List.of("ipFamilies", "ipFamilyPolicy"));
            }
        }
        if (needsNodePorts(old) && !needsNodePorts(spec) && nodePortsOf(old).equals(nodePortsOf(spec))) {
            objects(spec, "ports").forEach(p -> p.remove("nodePort"));
        }
        if (needsHealthCheck(old) && !needsHealthCheck(spec) && same(old, spec, "healthCheckNodePort")) {
            spec.remove("healthCheckNodePort");
        }
        if (isType(old, "LoadBalancer") && !isType(spec, "LoadBalancer")) {
            for (String field : List.of("allocateLoadBalancerNodePorts", "loadBalancerClass")) {
                if (same(old, spec, field)) {
                    spec.remove(field);
                }
            }
        }
    }

    // ---- IP families and cluster IPs

    private static void ipFamilies(String name, ObjectNode spec, ObjectNode old) {
        boolean headlessWithoutSelector = spec.path("clusterIP").asText("").equals("None") && Nodes.empty(spec, "selector");
        if (Nodes.empty(spec, "ipFamilyPolicy")) {
            if (old != null && !Nodes.empty(old, "ipFamilyPolicy")) {
                spec.set("ipFamilyPolicy", old.get("ipFamilyPolicy"));
            } else {
                spec.put("ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
            }
        }
        if (Nodes.empty(spec, "ipFamilies") && old != null && !Nodes.empty(old, "ipFamilies")) {
            spec.set("ipFamilies", old.get("ipFamilies").deepCopy());
        }
        String policy = spec.get("ipFamilyPolicy").asText();
        var families = spec.withArray("ipFamilies");
        if (headlessWithoutSelector) {
            // Headless Services without a selector may name both families even on a single-stack cluster.
            if (families.isEmpty()) {
                families.add("IPv4");
            }
            if (families.size() < 2 && !policy.equals("SingleStack")) {
                families.add(families.get(0).asText().equals("IPv4") ? "IPv6" : "IPv4");
            }
            return;
        }
        FieldErrors errors = new FieldErrors();
        if (policy.equals("RequireDualStack")) {
            errors.invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services");
        }
        for (int i = 0; i < families.size(); i++) {
            if (!families.get(i).asText().equals("IPv4")) {
                errors.invalid("spec.ipFamilies[" + i + "]", families.get(i).asText(), "not configured on this cluster");
            }
        }
        errors.throwIfAny("", "Service", name);
        if (families.isEmpty()) {
            families.add("IPv4");
        }
    }

    private void clusterIps(String name, ObjectNode spec, ObjectNode old, Transaction txn) {
        List<String> ips = Nodes.strings(spec, "clusterIPs");
        String ip = spec.path("clusterIP").asText("");
        if (ips.isEmpty() && !ip.isEmpty()) {
            ips = List.of(ip);
        }
        boolean allocatedBefore = old != null && !isType(old, "ExternalName");
        String first = ips.isEmpty() ? "" : ips.getFirst();
        if (allocatedBefore || first.equals("None")) {
            if (!first.isEmpty()) {
                spec.put("clusterIP", first);
                spec.set("clusterIPs", Nodes.strings(ips));
            }
            return;
        }
        Cidr range = addresses.serviceCidr();
        if (first.isEmpty()) {
            OptionalInt next = addresses.clusterIps().allocateNext();
            if (next.isEmpty()) {
                throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full",
                        null, null, null);
            }
            txn.undo(() -> addresses.clusterIps().release(next.getAsInt()));
            first = range.address(next.getAsInt());
        } else {
            int offset = range.offset(first);
            String problem = null;
            if (Cidr.toLong(first) < 0) {
                new FieldErrors().invalid("spec.clusterIPs[0]", first, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
                        .throwIfAny("", "Service", name);
            } else if (offset <= 0 || offset >= range.size() - 1) {
                problem = "the provided IP (" + first + ") is not in the valid range. The range of valid IPs is " + range;
            } else if (!addresses.clusterIps().allocate(offset)) {
                problem = "provided IP is already allocated";
            }
            if (problem != null) {
                new FieldErrors().invalid("spec.clusterIPs", Nodes.strings(ips), "failed to allocate IP " + first + ": " + problem)
                        .throwIfAny("", "Service", name);
            }
            txn.undo(() -> addresses.clusterIps().release(offset));
        }
        List<String> result = new ArrayList<>(ips.isEmpty() ? List.of(first) : ips);
        result.set(0, first);
        spec.put("clusterIP", first);
        spec.set("clusterIPs", Nodes.strings(result));
    }

    private void releaseClusterIps(ObjectNode old) {
        for (String ip : Nodes.strings(old, "clusterIPs")) {
            int offset = addresses.serviceCidr().offset(ip);
            if (offset > 0) {
                addresses.clusterIps().release(offset);
            }
        }
    }

    // ---- node ports

    private void nodePorts(String name, ObjectNode spec, ObjectNode old, Transaction txn) {
        Set<Integer> before = old != null && needsNodePorts(old) ? nodePortsOf(old) : Set.of();
        if (!needsNodePorts(spec)) {
            before.forEach(p -> txn.releaseAfter(() -> addresses.nodePorts().release(p)));
            return;
        }
        boolean allocate = !(isType(spec, "LoadBalancer") && !spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
        Map<Integer, Integer> byServicePort = new HashMap<>();
        Set<Integer> takenNow = new HashSet<>();
        List<ObjectNode> ports = objects(spec, "ports");
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode port = ports.get(i);
            int requested = port.path("nodePort").asInt(0);
            int servicePort = port.path("port").asInt(0);
            if (requested == 0 && !allocate) {
                continue;
            }
            if (requested != 0) {
                if (!before.contains(requested) && !takenNow.contains(requested)) {
                    reserve(name, i, requested, txn);
                    takenNow.add(requested);
                }
            } else if (byServicePort.containsKey(servicePort)) {
                port.put("nodePort", byServicePort.get(servicePort));
                continue;
            } else {
                OptionalInt next = addresses.nodePorts().allocateNext();
                if (next.isEmpty()) {
                    throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a nodePort: range is full",
                            null, null, null);
                }
                txn.undo(() -> addresses.nodePorts().release(next.getAsInt()));
                requested = next.getAsInt();
                takenNow.add(requested);
                port.put("nodePort", requested);
            }
            byServicePort.putIfAbsent(servicePort, requested);
        }
        Set<Integer> after = nodePortsOf(spec);
        for (int port : before) {
            if (!after.contains(port)) {
                txn.releaseAfter(() -> addresses.nodePorts().release(port));
            }
        }
    }

    private void reserve(String name, int index, int port, Transaction txn) {
        String problem = null;
        if (port < ServiceAddresses.NODE_PORT_FIRST || port > ServiceAddresses.NODE_PORT_LAST) {
            problem = "provided port is not in the valid range. The range of valid ports is "
                    + ServiceAddresses.NODE_PORT_FIRST + "-" + ServiceAddresses.NODE_PORT_LAST;
        } else if (!addresses.nodePorts().allocate(port)) {
            problem = "provided port is already allocated";
        }
        if (problem != null) {
            new FieldErrors().invalid("spec.ports[" + index + "].nodePort", port, problem).throwIfAny("", "Service", name);
        }
        txn.undo(() -> addresses.nodePorts().release(port));
    }

    private void healthCheckNodePort(ObjectNode spec, ObjectNode old, Transaction txn) {
        int before = old != null && needsHealthCheck(old) ? old.path("healthCheckNodePort").asInt(0) : 0;
        if (!needsHealthCheck(spec)) {
            if (before != 0) {
                txn.releaseAfter(() -> addresses.nodePorts().release(before));
            }
            return;
        }
        int requested = spec.path("healthCheckNodePort").asInt(0);
        if (requested != 0 && requested == before) {
            return;
        }
        if (requested != 0) {
            if (!addresses.nodePorts().allocate(requested)) {
                throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate requested HealthCheck NodePort "
                        + requested + ": provided port is already allocated", null, null, null);
            }
            txn.undo(() -> addresses.nodePorts().release(requested));
        } else {
            OptionalInt next = addresses.nodePorts().allocateNext();
            if (next.isEmpty()) {
                throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a HealthCheck NodePort: range is full",
                        null, null, null);
            }
            txn.undo(() -> addresses.nodePorts().release(next.getAsInt()));
            spec.set("healthCheckNodePort", IntNode.valueOf(next.getAsInt()));
        }
        if (before != 0) {
            txn.releaseAfter(() -> addresses.nodePorts().release(before));
        }
    }

    // ---- helpers

    private static boolean isType(JsonNode spec, String type) {
        return spec.path("type").asText("ClusterIP").equals(type);
    }

    private static boolean needsClusterIp(JsonNode spec) {
        return !isType(spec, "ExternalName");
    }

    private static boolean needsNodePorts(JsonNode spec) {
        return isType(spec, "NodePort") || isType(spec, "LoadBalancer");
    }

    private static boolean needsHealthCheck(JsonNode spec) {
        return isType(spec, "LoadBalancer") && spec.path("externalTrafficPolicy").asText("").equals("Local");
    }

    private static Set<Integer> nodePortsOf(JsonNode spec) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode port : spec.path("ports")) {
            if (port.path("nodePort").asInt(0) != 0) {
                ports.add(port.path("nodePort").asInt());
            }
        }
        return ports;
    }

    private static boolean same(JsonNode a, JsonNode b, String field) {
        return a.path(field).equals(b.path(field));
    }

    /** Allocations to give back if the write fails, releases to make only if it succeeds. */
    private static final class Transaction {
        private final List<Runnable> undo = new ArrayList<>();
        private final List<Runnable> onCommit = new ArrayList<>();

        void undo(Runnable action) {
            undo.add(action);
        }

        void releaseAfter(Runnable action) {
            onCommit.add(action);
        }

        void revert() {
            undo.forEach(Runnable::run);
        }

        void commit() {
            onCommit.forEach(Runnable::run);
        }
    }
}
