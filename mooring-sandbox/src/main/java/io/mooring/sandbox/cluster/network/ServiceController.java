package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated cloud's service controller and the registry's repair loop: a LoadBalancer
 * Service (without a {@code loadBalancerClass}, which would name another implementation) gets
 * an address from the simulated pool in {@code status.loadBalancer} after a short delay, and
 * loses it when it stops being one; a deleted Service's addresses and ports return to their
 * pools; every minute the pools are rebuilt from the stored Services.
 */
public final class ServiceController implements Controller {
    private static final Duration REPAIR_EVERY = Duration.ofMinutes(1);

    private final ResourceApi api;
    private final ServiceAddresses addresses;
    private final Duration provisioningDelay;
    private final ResourceType services;
    private final Map<String, Instant> pending = new HashMap<>();
    private Instant nextRepair = Instant.MIN;

    public ServiceController(ResourceApi api, ServiceAddresses addresses, Duration provisioningDelay) {
        this.api = api;
        this.addresses = addresses;
        this.provisioningDelay = provisioningDelay;
        this.services = api.catalog().byPlural("", "v1", "services").orElseThrow();
    }

    @Override
    public String name() {
        return "service-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("/services");
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode service = event.object();
        String key = Nodes.text(service, "metadata", "namespace") + "/" + Nodes.text(service, "metadata", "name");
        if (event.type() == WatchEvent.Type.DELETED) {
            pending.remove(key);
            addresses.release(service);
            return;
        }
        boolean wanted = wantsLoadBalancer(service);
        boolean provisioned = !service.path("status").path("loadBalancer").path("ingress").isEmpty();
        if (wanted && !provisioned) {
            pending.putIfAbsent(key, Instant.now().plus(provisioningDelay));
        } else if (!wanted) {
            pending.remove(key);
            if (provisioned) {
                deprovision(service);
            }
        }
    }

    /** The watch starts over: Services removed meanwhile sent no DELETED, so their addresses are reclaimed from the store now. */
    @Override
    public void relist() {
        pending.clear();
        nextRepair = Instant.MIN;
    }

    @Override
    public void tick(Instant now) {
        if (now.isAfter(nextRepair)) {
            addresses.rebuild();
            nextRepair = now.plus(REPAIR_EVERY);
        }
        var due = pending.entrySet().stream().filter(e -> !Instant.now().isBefore(e.getValue())).map(Map.Entry::getKey).toList();
        for (String key : due) {
            pending.remove(key);
            int slash = key.indexOf('/');
            provision(key.substring(0, slash), key.substring(slash + 1));
        }
    }

    private static boolean wantsLoadBalancer(ObjectNode service) {
        return Nodes.text(service, "spec", "type").equals("LoadBalancer") && Nodes.text(service, "spec", "loadBalancerClass").isEmpty();
    }

    /** Allocation and status write happen together, so a repair in between cannot hand the address out twice. */
    private void provision(String namespace, String name) {
        api.store().atomically(() -> {
            Optional<ObjectNode> current = api.store().get(ResourceApi.typeKey(services), namespace, name);
            if (current.isEmpty() || !wantsLoadBalancer(current.get())
                    || !current.get().path("status").path("loadBalancer").path("ingress").isEmpty()) {
                return null;
            }
            ObjectNode service = current.get();
            String ip = addresses.allocateLoadBalancerIp(Nodes.text(service, "spec", "loadBalancerIP"));
            if (ip == null) {
                return null;
            }
            ObjectNode ingress = Nodes.object(Nodes.object(service, "status"), "loadBalancer").putArray("ingress").addObject();
            ingress.put("ip", ip);
            ingress.put("ipMode", "VIP");
            api.update(services, namespace, name, service, "status", WriteOptions.by("cloud-controller-manager"));
            return null;
        });
    }

    /** The address goes back to the pool once the status no longer shows it. */
    private void deprovision(ObjectNode seen) {
        String namespace = Nodes.text(seen, "metadata", "namespace");
        String name = Nodes.text(seen, "metadata", "name");
        api.store().atomically(() -> {
            Optional<ObjectNode> current = api.store().get(ResourceApi.typeKey(services), namespace, name);
            if (current.isEmpty() || wantsLoadBalancer(current.get())) {
                return null;
            }
            ObjectNode updated = current.get().deepCopy();
            Nodes.object(Nodes.object(updated, "status"), "loadBalancer").remove("ingress");
            api.update(services, namespace, name, updated, "status", WriteOptions.by("cloud-controller-manager"));
            for (var ingress : current.get().path("status").path("loadBalancer").path("ingress")) {
                addresses.releaseLoadBalancerIp(ingress.path("ip").asText(""));
            }
            return null;
        });
    }
}
