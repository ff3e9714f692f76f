package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * structured-merge-diff's updater: who owns which fields after an update or an apply, and the
 * object an apply leaves. An update gives the writer what it changed and takes it from everyone
 * else; an apply merges the configuration in, removes what the applier owned before and no longer
 * mentions (unless someone else owns it), and fails on fields it would change that others own,
 * unless forced.
 *
 * <p>The sandbox serves each kind in the version it is written with and converts nothing, so sets
 * recorded at another API version are compared as they are.
 */
final class Updater {
    private final TypeSchema type;
    private final FieldSet ignored;

    /**
     * @param type    the object's type
     * @param ignored fields the write may not set (the status of a main resource, all but the
     *                status of a status subresource), left out of every set
     */
    Updater(TypeSchema type, FieldSet ignored) {
        this.type = type;
        this.ignored = ignored;
    }

    /** A conflict: {@code manager} owns {@code path}, which the apply would change. */
    record Conflict(ManagerId manager, List<PathElement> path) {
    }

    /** An apply that would change fields others own. */
    static final class Conflicts extends RuntimeException {
        private final List<Conflict> conflicts;

        Conflicts(List<Conflict> conflicts) {
            super(conflicts.size() + " conflict(s)", null, false, false);
            this.conflicts = List.copyOf(conflicts);
        }

        List<Conflict> conflicts() {
            return conflicts;
        }
    }

    /** After a create or update from {@code live} to {@code next}: {@code manager} owns what it changed. */
    void update(JsonNode live, JsonNode next, String apiVersion, Managed managed, ManagerId manager) {
        Comparison compare = takeOwnership(live, next, managed, manager, true);
        Managed.Entry previous = managed.fields().get(manager);
        FieldSet set = (previous == null ? FieldSet.EMPTY : previous.set()).union(compare.modified()).union(compare.added())
                .difference(compare.removed()).recursiveDifference(ignored);
        if (set.isEmpty()) {
            managed.fields().remove(manager);
        } else {
            managed.fields().put(manager, new Managed.Entry(set, apiVersion, false));
        }
    }

    /**
     * The object after {@code manager} applies {@code config} to {@code live}; {@code managed}
     * records the new ownership.
     *
     * @throws Conflicts when the apply changes fields others own and is not forced
     */
    JsonNode apply(JsonNode live, JsonNode config, String apiVersion, Managed managed, ManagerId manager, boolean force) {
        JsonNode merged = Merge.merge(type, live, config);
        Managed.Entry last = managed.fields().get(manager);
        FieldSet applied = FieldSets.of(type, config).recursiveDifference(ignored);
        managed.fields().put(manager, new Managed.Entry(applied, apiVersion, true));
        if (last != null && !last.set().isEmpty()) {
            merged = prune(merged, managed, last.set().recursiveDifference(ignored));
        }
        takeOwnership(live, merged, managed, manager, force);
        return merged;
    }

    /**
     * Compares {@code live} and {@code next} and takes what changed from everyone but
     * {@code manager}: changed or added fields (conflicts, unless forced) and removed ones.
     */
    private Comparison takeOwnership(JsonNode live, JsonNode next, Managed managed, ManagerId manager, boolean force) {
        Comparison compare = Comparison.of(type, live, next).excluding(ignored);
        FieldSet changed = compare.modified().union(compare.added());
        Map<ManagerId, FieldSet> conflicts = new LinkedHashMap<>();
        managed.fields().forEach((id, entry) -> {
            if (!id.equals(manager)) {
                FieldSet conflict = entry.set().intersection(changed);
                if (!conflict.isEmpty()) {
                    conflicts.put(id, conflict);
                }
            }
        });
        if (!force && !conflicts.isEmpty()) {
            throw new Conflicts(list(conflicts));
        }
        for (Map.Entry<ManagerId, Managed.Entry> e : new ArrayList<>(managed.fields().entrySet())) {
            if (e.getKey().equals(manager)) {
                continue;
            }
            FieldSet rest = e.getValue().set().difference(conflicts.getOrDefault(e.getKey(), FieldSet.EMPTY))
                    .difference(compare.removed());
            if (rest.isEmpty()) {
                managed.fields().remove(e.getKey());
            } else {
                managed.fields().put(e.getKey(), e.getValue().withSet(rest));
            }
        }
        return compare;
    }

    // Conflicts by manager identity, as the API server orders them in its message.
    private static List<Conflict> list(Map<ManagerId, FieldSet> conflicts) {
        List<Conflict> out = new ArrayList<>();
        conflicts.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().identifier()))
                .forEach(e -> e.getValue().paths().forEach(path -> out.add(new Conflict(e.getKey(), path))));
        return out;
    }

    /**
     * Removes what the applier applied last time ({@code last}) and no longer applies, unless
     * someone (the applier's new configuration included) owns it; struct fields count as owned
     * when something below them is, so a whole struct goes only when nobody owns anything in it.
     */
    private JsonNode prune(JsonNode merged, Managed managed, FieldSet last) {
        FieldSet lastNamed = FieldSets.ensureNamedFieldsAreMembers(last, type);
        FieldSet owned = FieldSet.EMPTY;
        for (Managed.Entry entry : managed.fields().values()) {
            owned = owned.union(entry.set());
        }
        FieldSet ownedNamed = FieldSets.ensureNamedFieldsAreMembers(owned, type);
        FieldSet mergedSet = named(merged);
        JsonNode pruned = RemoveItems.remove(type, merged, lastNamed);
        // Put back what anyone owns.
        JsonNode ownedBack = RemoveItems.remove(type, merged, mergedSet.difference(named(pruned).union(ownedNamed)));
        // Only what the applier applied last time may go.
        return RemoveItems.remove(type, merged, mergedSet.difference(named(ownedBack)).intersection(lastNamed));
    }

    private FieldSet named(JsonNode value) {
        return FieldSets.ensureNamedFieldsAreMembers(FieldSets.of(type, value), type);
    }
}
