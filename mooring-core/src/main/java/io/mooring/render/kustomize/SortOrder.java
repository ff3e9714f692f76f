package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The output order: {@code sortOptions} of the top kustomization, or kustomize's legacy order by default. */
final class SortOrder {
    private SortOrder() {
    }

    static void apply(ResMap resources, Kustomization kustomization) {
        JsonNode options = kustomization.node("sortOptions");
        if (options.isMissingNode() || options.isNull()) {
            LegacySort.sort(resources, LegacySort.ORDER_FIRST, LegacySort.ORDER_LAST);
            return;
        }
        String order = options.path("order").asText("");
        JsonNode legacy = options.path("legacySortOptions");
        boolean hasLegacy = !legacy.isMissingNode() && !legacy.isNull();
        if (!order.equals("fifo") && !order.equals("legacy")) {
            throw new KustomizeException(kustomization.file(), "the field 'sortOptions.order' must be one of [fifo, legacy]", null);
        }
        if (order.equals("fifo")) {
            if (hasLegacy) {
                throw new KustomizeException(kustomization.file(),
                        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", null);
            }
            return;
        }
        if (!hasLegacy) {
            LegacySort.sort(resources, LegacySort.ORDER_FIRST, LegacySort.ORDER_LAST);
            return;
        }
        LegacySort.sort(resources, texts(legacy.path("orderFirst")), texts(legacy.path("orderLast")));
    }

    private static List<String> texts(JsonNode list) {
        List<String> result = new ArrayList<>();
        list.forEach(n -> result.add(n.asText()));
        return result;
    }
}
