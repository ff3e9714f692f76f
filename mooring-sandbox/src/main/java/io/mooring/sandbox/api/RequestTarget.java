package io.mooring.sandbox.api;

import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a resource URL names: {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]}.
 *
 * @param type        the resource
 * @param namespace   the namespace, empty for all namespaces or cluster-scoped resources
 * @param name        the object's name, empty for the collection
 * @param subresource {@code status}, {@code scale}, ... or empty
 */
public record RequestTarget(ResourceType type, String namespace, String name, String subresource) {
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
            throw notFound();
        }
        List<String> rest = parts.subList(next, parts.size());
        String namespace = "";
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            throw notFound();
        }
        ResourceType type = catalog.byPlural(group, version, rest.get(0)).orElseThrow(RequestTarget::notFound);
        if (!type.namespaced() && !namespace.isEmpty()) {
            throw notFound();
        }
        return new RequestTarget(type, namespace, rest.size() > 1 ? rest.get(1) : "", rest.size() > 2 ? rest.get(2) : "");
    }

    private static ApiException notFound() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null);
    }
}
