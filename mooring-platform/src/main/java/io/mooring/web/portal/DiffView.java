package io.mooring.web.portal;

import io.mooring.app.ApplicationDiff;

import java.util.ArrayList;
import java.util.List;

/**
 * How the cluster differs from Git, as a page shows it: per object its unified diff split into
 * lines that carry their kind (added, removed, context, file or hunk header), and what a prune
 * would delete. Secret values are masked by the comparison already. Pure.
 */
public record DiffView(String revision, List<Change> changes, List<ApplicationDiff.Removal> removals) {

    public record Change(String key, String state, List<Line> lines) {
    }

    /** @param kind {@code add}, {@code del}, {@code hunk}, {@code file} or {@code ctx} */
    public record Line(String kind, String text) {
    }

    public static DiffView of(ApplicationDiff diff) {
        List<Change> changes = new ArrayList<>();
        for (ApplicationDiff.Change change : diff.changes()) {
            changes.add(new Change(change.key().toString(), change.state().name(), lines(change.unified())));
        }
        return new DiffView(diff.revision(), List.copyOf(changes), diff.removals());
    }

    static List<Line> lines(String unified) {
        String text = unified.endsWith("\n") ? unified.substring(0, unified.length() - 1) : unified;
        List<Line> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return List.of();
        }
        for (String line : text.split("\n", -1)) {
            String kind = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk"
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
            lines.add(new Line(kind, line));
        }
        return List.copyOf(lines);
    }

    public boolean differs() {
        return !changes.isEmpty() || !removals.isEmpty();
    }
}
