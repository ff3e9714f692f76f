package io.mooring.web.portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies page: each Application with a policy report, blocked ones first, and each policy
 * that has violations with how many and in which Applications. Applications whose status has no
 * policy field are counted, not listed. Pure.
 */
public record PolicyOverview(List<Entry> applications, List<PolicyLine> policies, int unchecked) {

    public record Entry(AppSummary app, PolicyReport report) {
    }

    /** One policy rule's violations over all Applications. */
    public record PolicyLine(String policy, String rule, String action, int violations, List<String> applications) {
    }

    public static PolicyOverview of(List<Entry> entries, int unchecked) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> rank(e.report().result())).thenComparing(e -> e.app().name()));
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Set<String>> apps = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (Entry entry : sorted) {
            for (PolicyReport.Violation v : entry.report().violations()) {
                String key = v.policy() + "\n" + v.rule() + "\n" + v.action();
                counts.computeIfAbsent(key, k -> new int[1])[0]++;
                apps.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entry.app().name());
                names.putIfAbsent(key, new String[]{v.policy(), v.rule(), v.action()});
            }
        }
        List<PolicyLine> lines = new ArrayList<>();
        counts.forEach((key, count) -> lines.add(new PolicyLine(names.get(key)[0], names.get(key)[1], names.get(key)[2], count[0],
                List.copyOf(apps.get(key)))));
        lines.sort(Comparator.comparing((PolicyLine l) -> !l.action().equals("Enforce")).thenComparing(l -> -l.violations())
                .thenComparing(PolicyLine::policy).thenComparing(PolicyLine::rule));
        return new PolicyOverview(List.copyOf(sorted), List.copyOf(lines), unchecked);
    }

    private static int rank(String result) {
        return switch (result) {
            case "Blocked" -> 0;
            case "Error" -> 1;
            case "Warning" -> 2;
            default -> 3;
        };
    }
}
