package io.mooring.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ResourceKey;

import java.util.List;
import java.util.Optional;

/**
 * What an application owns in the cluster, as a sync reads it: from the informers' cache in the
 * controller ({@link LiveState}), by label queries in a one-off CLI run ({@link LiveQuery}).
 */
public interface LiveView {
    /** The objects labelled as the application's. */
    List<ObjectNode> owned(String application);

    /** One object of the application's, as it is now. */
    Optional<ObjectNode> get(String application, ResourceKey key);
}
