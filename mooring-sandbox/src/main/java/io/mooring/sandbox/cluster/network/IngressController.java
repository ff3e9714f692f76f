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
 * The simulated ingress controller: it serves every Ingress, whatever its class, and publishes its
 * own address in the Ingress's {@code status.loadBalancer} after a short delay, as ingress-nginx
 * publishes its Service's address. Without it an Ingress would never get an address in the sandbox,
 * and tools that judge an Ingress healthy only once it has one (Argo CD's rules, Mooring's) would wait
 * forever.
 */
public final class IngressController implements Controller {
    /** The controller's address, from TEST-NET-3, outside the LoadBalancer pool so that no Service gets it too. */
    public static final String ADDRESS = "203.0.113.10";

    private final ResourceApi api;
    private final Duration delay;
    private final ResourceType ingresses;
    private final Map<String, Instant> pending = new HashMap<>();

    public IngressController(ResourceApi api, Duration delay) {
        this.api = api;
        this.delay = delay;
        this.ingresses = api.catalog().byPlural("networking.k8s.io", "v1", "ingresses").orElseThrow();
    }

    @Override
    public String name() {
        return "ingress-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("networking.k8s.io/ingresses");
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode ingress = event.object();
        String key = Nodes.text(ingress, "metadata", "namespace") + "/" + Nodes.text(ingress, "metadata", "name");
        if (event.type() == WatchEvent.Type.DELETED || published(ingress)) {
            pending.remove(key);
        } else {
            pending.putIfAbsent(key, Instant.now().plus(delay));
        }
    }

    @Override
    public void relist() {
        pending.clear();
    }

    @Override
    public void tick(Instant now) {
        var due = pending.entrySet().stream().filter(e -> !now.isBefore(e.getValue())).map(Map.Entry::getKey).toList();
        for (String key : due) {
            pending.remove(key);
            int slash = key.indexOf('/');
            publish(key.substring(0, slash), key.substring(slash + 1));
        }
    }

    private static boolean published(ObjectNode ingress) {
        return !ingress.path("status").path("loadBalancer").path("ingress").isEmpty();
    }

    private void publish(String namespace, String name) {
        api.store().atomically(() -> {
            Optional<ObjectNode> current = api.store().get(ResourceApi.typeKey(ingresses), namespace, name);
            if (current.isEmpty() || published(current.get())) {
                return null;
            }
            ObjectNode ingress = current.get().deepCopy();
            Nodes.object(Nodes.object(ingress, "status"), "loadBalancer").putArray("ingress").addObject().put("ip", ADDRESS);
            api.update(ingresses, namespace, name, ingress, "status", WriteOptions.by("ingress-controller"));
            return null;
        });
    }
}
