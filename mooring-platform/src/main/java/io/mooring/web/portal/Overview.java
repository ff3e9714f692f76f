package io.mooring.web.portal;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The applications overview: the rows that pass the filter, and counts over all of them, so that a
 * glance says how many are out of sync or unhealthy. Pure.
 *
 * @param rows         the Applications shown
 * @param total        how many there are, before filtering
 * @param environments the environments named by any Application, for the filter
 */
public record Overview(List<AppSummary> rows, int total, int synced, int outOfSync, int healthy, int progressing, int degraded,
                       List<String> environments, Filter filter) {

    /**
     * What a person filters by; empty strings mean no filter.
     *
     * @param state {@code attention} (not Synced or not Healthy), or a sync or health state
     */
    public record Filter(String text, String environment, String state) {
        public static Filter of(String text, String environment, String state) {
            return new Filter(text == null ? "" : text.trim(), environment == null ? "" : environment, state == null ? "" : state);
        }

        public boolean any() {
            return !text.isEmpty() || !environment.isEmpty() || !state.isEmpty();
        }

        boolean matches(AppSummary app) {
            boolean named = text.isEmpty() || app.name().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
            boolean placed = environment.isEmpty() || environment.equals(app.environment());
            boolean inState = state.isEmpty() || (state.equals("attention") ? needsAttention(app)
                    : state.equals(app.sync()) || state.equals(app.health()));
            return named && placed && inState;
        }
    }

    public static Overview of(List<AppSummary> apps, Filter filter) {
        TreeSet<String> environments = new TreeSet<>();
        int synced = 0;
        int outOfSync = 0;
        int healthy = 0;
        int progressing = 0;
        int degraded = 0;
        for (AppSummary app : apps) {
            if (!app.environment().isEmpty()) {
                environments.add(app.environment());
            }
            synced += app.sync().equals("Synced") ? 1 : 0;
            outOfSync += app.sync().equals("OutOfSync") ? 1 : 0;
            healthy += app.health().equals("Healthy") ? 1 : 0;
            progressing += app.health().equals("Progressing") ? 1 : 0;
            degraded += app.health().equals("Degraded") || app.health().equals("Missing") ? 1 : 0;
        }
        return new Overview(apps.stream().filter(filter::matches).toList(), apps.size(), synced, outOfSync, healthy, progressing, degraded,
                List.copyOf(environments), filter);
    }

    /** Not synced, not healthy, or with a condition (an error, a blocked prune, a policy violation). */
    public static boolean needsAttention(AppSummary app) {
        return !app.sync().equals("Synced") || !app.health().equals("Healthy") || !app.conditions().isEmpty();
    }
}
