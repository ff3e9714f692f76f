package io.mooring.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.plan.Tracking;
import io.mooring.resource.ResourceKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live view of a one-off command: a label query per kind, every time. Costs one request per
 * kind the cluster serves; the controller uses {@link LiveState} instead.
 */
public final class LiveQuery implements LiveView {
    private final ClusterClient cluster;

    public LiveQuery(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public List<ObjectNode> owned(String application) {
        List<ObjectNode> objects = new ArrayList<>();
        for (ResourceType type : cluster.types().all()) {
            if (type.tracked()) {
                objects.addAll(cluster.list(type, Tracking.APP_LABEL + "=" + application));
            }
        }
        return objects;
    }

    @Override
    public Optional<ObjectNode> get(String application, ResourceKey key) {
        return cluster.get(key).filter(o -> application.equals(o.path("metadata").path("labels").path(Tracking.APP_LABEL).asText()));
    }
}
