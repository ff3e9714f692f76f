package io.mooring.sandbox.api;

import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a resource URL names: {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]}, also in the old
 * {@code .../VERSION/watch/...} form that always watches.
 *
 * @param type        the resource
 * @param namespace   the namespace, empty for all namespaces or cluster-scoped resources
 * @param name        the object's name, empty for the collection
 * @param subresource {@code status}, {@code scale}, ... (one the resource has) or empty
 * @param watchPath   whether the URL was a {@code /watch/} one
 */
public record RequestTarget(ResourceType type, String namespace, String name, String subresource, boolean watchPath) {
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean isCollection() {
        return name.isEmpty();
    }

    /** Parses a request path, or explains as the API server does why it names nothing. */
    public static RequestTarget parse(ApiCatalog catalog, String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        String version;
        int next;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            next = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            next = 3;
        } else {
            throw ApiException.noSuchResource();
        }
        List<String> rest = parts.subList(next, parts.size());
        boolean watchPath = !rest.isEmpty() && rest.getFirst().equals("watch");
        if (watchPath) {
            rest = rest.subList(1, rest.size());
        }
        String namespace = "";
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            throw ApiException.noSuchResource();
        }
        ResourceType type = catalog.byPlural(group, version, rest.get(0)).orElseThrow(ApiException::noSuchResource);
        if (!type.namespaced() && !namespace.isEmpty()) {
            throw ApiException.noSuchResource();
        }
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        if (!subresource.isEmpty() && (watchPath || !type.subresources().contains(subresource))) {
            throw ApiException.noSuchResource();
        }
        return new RequestTarget(type, namespace, rest.size() > 1 ? rest.get(1) : "", subresource, watchPath);
    }
}
