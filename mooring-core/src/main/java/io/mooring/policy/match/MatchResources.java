package io.mooring.policy.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's {@code match} or {@code exclude}: {@code any} (one filter must select), {@code all}
 * (every filter must select) or, in Kyverno's older form, one filter written directly.
 *
 * @param single the older form's filter, or null
 */
public record MatchResources(List<ResourceFilter> any, List<ResourceFilter> all, ResourceFilter single) {
    public MatchResources {
        any = List.copyOf(any);
        all = List.copyOf(all);
    }

    public boolean isEmpty() {
        return any.isEmpty() && all.isEmpty() && (single == null || !single.describesResources() && !single.describesUsers());
    }

    /** Every filter, whichever form holds it. */
    public List<ResourceFilter> filters() {
        List<ResourceFilter> filters = new ArrayList<>(any);
        filters.addAll(all);
        if (single != null) {
            filters.add(single);
        }
        return filters;
    }

    /** Every kind named by any filter. */
    public List<String> kinds() {
        return filters().stream().flatMap(f -> f.kinds().stream()).toList();
    }
}
