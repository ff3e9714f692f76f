package io.mooring.sandbox.apply;

import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 409 a conflicting apply gets, worded as the API server words it so that kubectl prints what
 * users expect ({@code Apply failed with 1 conflict: conflict with "kubectl-client-side-apply"
 * using apps/v1: .spec.replicas}), with one {@code FieldManagerConflict} cause per field.
 */
final class ApplyConflicts {
    private ApplyConflicts() {
    }

    static ApiException error(List<Updater.Conflict> conflicts) {
        List<ApiException.Cause> causes = new ArrayList<>();
        for (Updater.Conflict c : conflicts) {
            causes.add(new ApiException.Cause("FieldManagerConflict", "conflict with " + c.manager().describe(),
                    FieldSet.toString(c.path())));
        }
        return new ApiException(409, "Conflict", message(conflicts), null, null, null).withCauses(causes);
    }

    static String message(List<Updater.Conflict> conflicts) {
        if (conflicts.size() == 1) {
            Updater.Conflict only = conflicts.get(0);
            return "Apply failed with 1 conflict: conflict with " + only.manager().describe() + ": " + FieldSet.toString(only.path());
        }
        Map<ManagerId, List<String>> byManager = new LinkedHashMap<>();
        conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(FieldSet.toString(c.path())));
        List<String> lines = new ArrayList<>();
        byManager.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(ManagerId::identifier)))
                .forEach(e -> {
                    lines.add("conflicts with " + e.getKey().describe() + ":");
                    e.getValue().forEach(path -> lines.add("- " + path));
                });
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
}
