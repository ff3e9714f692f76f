package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.store.ObjectStore;

import java.util.List;
import java.util.Random;

/**
 * The cluster's address books: cluster IPs from {@value #SERVICE_RANGE}, node ports from
 * 30000-32767, and load balancer addresses from the simulated pool {@value #LOAD_BALANCER_RANGE}
 * (RFC 5737 documentation addresses, routed nowhere). They are rebuilt from the stored Services
 * when first used and on every repair, as the API server's repair loops do, so allocations lost
 * by a refused or dry-run write return to the pool.
 */
public final class ServiceAddresses {
    public static final String SERVICE_RANGE = "10.96.0.0/12";
    public static final String LOAD_BALANCER_RANGE = "198.51.100.0/24";
    public static final int NODE_PORT_FIRST = 30000;
    public static final int NODE_PORT_LAST = 32767;
    /** The address of the {@code kubernetes} Service: the first of the range. */
    public static final String API_SERVICE_IP = "10.96.0.1";

    private final Cidr serviceCidr = Cidr.parse(SERVICE_RANGE);
    private final Cidr loadBalancerCidr = Cidr.parse(LOAD_BALANCER_RANGE);
    private final RangeAllocator clusterIps;
    private final RangeAllocator nodePorts;
    private final RangeAllocator loadBalancerIps;
    private final ObjectStore store;
    private volatile boolean seeded;

    public ServiceAddresses(ObjectStore store, Random random) {
        this.store = store;
        int size = serviceCidr.size();
        // Kubernetes keeps min(max(16, size/16), 256) low addresses and min(max(16, size/32), 128) low ports for explicit requests.
        this.clusterIps = new RangeAllocator(1, size - 2, Math.min(Math.max(16, size / 16), 256), random);
        int ports = NODE_PORT_LAST - NODE_PORT_FIRST + 1;
        this.nodePorts = new RangeAllocator(NODE_PORT_FIRST, NODE_PORT_LAST, Math.min(Math.max(16, ports / 32), 128), random);
        this.loadBalancerIps = new RangeAllocator(1, loadBalancerCidr.size() - 2, 0, random);
    }

    public Cidr serviceCidr() {
        return serviceCidr;
    }

    RangeAllocator clusterIps() {
        ensureSeeded();
        return clusterIps;
    }

    RangeAllocator nodePorts() {
        ensureSeeded();
        return nodePorts;
    }

    /** A free load balancer address from the simulated pool, or null when it is exhausted. */
    String allocateLoadBalancerIp(String requested) {
        ensureSeeded();
        if (requested != null && !requested.isEmpty()) {
            int offset = loadBalancerCidr.offset(requested);
            if (offset >= 0) {
                loadBalancerIps.allocate(offset);
            }
            return requested;
        }
        var next = loadBalancerIps.allocateNext();
        return next.isPresent() ? loadBalancerCidr.address(next.getAsInt()) : null;
    }

    void releaseLoadBalancerIp(String ip) {
        int offset = loadBalancerCidr.offset(ip);
        if (offset >= 0) {
            loadBalancerIps.release(offset);
        }
    }

    /** Returns everything a deleted Service held. */
    void release(JsonNode service) {
        JsonNode spec = service.path("spec");
        for (String ip : Nodes.strings(spec, "clusterIPs")) {
            int offset = serviceCidr.offset(ip);
            if (offset >= 0) {
                clusterIps.release(offset);
            }
        }
        for (JsonNode port : spec.path("ports")) {
            nodePorts.release(port.path("nodePort").asInt(0));
        }
        nodePorts.release(spec.path("healthCheckNodePort").asInt(0));
        for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
            releaseLoadBalancerIp(ingress.path("ip").asText(""));
        }
    }

    private void ensureSeeded() {
        if (!seeded) {
            rebuild();
        }
    }

    /** Recomputes what is taken from the stored Services, with no write in between. */
    public void rebuild() {
        store.atomically(() -> {
            List<ObjectNode> services = store.list("/services", null, s -> true).items();
            clusterIps.clear();
            nodePorts.clear();
            loadBalancerIps.clear();
            for (ObjectNode service : services) {
                JsonNode spec = service.path("spec");
                for (String ip : Nodes.strings(spec, "clusterIPs")) {
                    int offset = serviceCidr.offset(ip);
                    if (offset >= 0) {
                        clusterIps.allocate(offset);
                    }
                }
                for (JsonNode port : spec.path("ports")) {
                    nodePorts.allocate(port.path("nodePort").asInt(0));
                }
                nodePorts.allocate(spec.path("healthCheckNodePort").asInt(0));
                for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
                    int offset = loadBalancerCidr.offset(ingress.path("ip").asText(""));
                    if (offset >= 0) {
                        loadBalancerIps.allocate(offset);
                    }
                }
            }
            seeded = true;
            return null;
        });
    }
}
