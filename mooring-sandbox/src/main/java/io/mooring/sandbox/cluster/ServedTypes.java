package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.Optional;

/** Finding the served type of a stored object, for controllers that write objects of any kind. */
public final class ServedTypes {
    private ServedTypes() {
    }

    /**
     * The type to write {@code object} back through: the one of its own apiVersion (objects of
     * a resource share one store whatever version wrote them), else any served version.
     */
    public static Optional<ResourceType> typeOf(ApiCatalog catalog, String typeKey, ObjectNode object) {
        Optional<ResourceType> exact = catalog.byKind(object.path("apiVersion").asText(""), object.path("kind").asText(""));
        if (exact.isPresent()) {
            return exact;
        }
        return catalog.all().stream().filter(t -> ResourceApi.typeKey(t).equals(typeKey)).findFirst();
    }

    /** A served type of the given group and kind, preferring {@code apiVersion} itself. */
    public static Optional<ResourceType> typeOfKind(ApiCatalog catalog, String apiVersion, String kind) {
        Optional<ResourceType> exact = catalog.byKind(apiVersion, kind);
        if (exact.isPresent()) {
            return exact;
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return catalog.all().stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
    }
}
