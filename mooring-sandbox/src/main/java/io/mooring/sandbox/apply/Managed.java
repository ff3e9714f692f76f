package io.mooring.sandbox.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field ownership of one object while a write is worked out: each manager's set of fields
 * (with the API version it was recorded at and whether it came from apply) and the time of its
 * last change.
 */
final class Managed {
    /** One manager's fields. */
    record Entry(FieldSet set, String apiVersion, boolean applied) {
        Entry withSet(FieldSet other) {
            return new Entry(other, apiVersion, applied);
        }
    }

    private final Map<ManagerId, Entry> fields;
    private final Map<ManagerId, String> times;

    Managed(Map<ManagerId, Entry> fields, Map<ManagerId, String> times) {
        this.fields = new LinkedHashMap<>(fields);
        this.times = new LinkedHashMap<>(times);
    }

    static Managed empty() {
        return new Managed(Map.of(), Map.of());
    }

    Map<ManagerId, Entry> fields() {
        return fields;
    }

    Map<ManagerId, String> times() {
        return times;
    }

    Managed copy() {
        return new Managed(fields, times);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }
}
