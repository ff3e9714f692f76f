package io.mooring.web.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Environments side by side: one row per service, one column per environment in promotion order,
 * each cell the Application that runs the service there with its revision, images, sync state and
 * health. A service is the Application's name less the suffix {@code -<environment>}
 * ({@code guestbook-dev} and {@code guestbook-prod} are the service {@code guestbook}). A cell whose
 * images differ from the environment before it is marked: that is a promotion still to come. Pure.
 */
public record EnvironmentMatrix(List<Environment> environments, List<Row> rows, List<AppSummary> unassigned) {

    /** An Environment resource, or an environment that Applications name but no resource declares. */
    public record Environment(String name, String description, boolean declared) {
    }

    public record Row(String service, List<Cell> cells) {
    }

    /** @param app null where the service does not run in that environment */
    public record Cell(AppSummary app, List<String> images, boolean differsFromPrevious) {
        public boolean empty() {
            return app == null;
        }
    }

    /**
     * @param declared the Environment resources, in promotion order
     * @param apps     every Application
     * @param images   per Application ({@code namespace/name}), the images its workloads run
     */
    public static EnvironmentMatrix of(List<Environment> declared, List<AppSummary> apps, Map<String, List<String>> images) {
        List<Environment> environments = new ArrayList<>(declared);
        List<AppSummary> unassigned = new ArrayList<>();
        Map<String, Map<String, AppSummary>> services = new TreeMap<>();
        for (AppSummary app : apps) {
            if (app.environment().isEmpty()) {
                unassigned.add(app);
                continue;
            }
            if (environments.stream().noneMatch(e -> e.name().equals(app.environment()))) {
                environments.add(new Environment(app.environment(), "", false));
            }
            services.computeIfAbsent(service(app), s -> new LinkedHashMap<>()).putIfAbsent(app.environment(), app);
        }
        List<Row> rows = new ArrayList<>();
        services.forEach((service, byEnvironment) -> {
            List<Cell> cells = new ArrayList<>();
            List<String> previous = null;
            for (Environment environment : environments) {
                AppSummary app = byEnvironment.get(environment.name());
                if (app == null) {
                    cells.add(new Cell(null, List.of(), false));
                    continue;
                }
                List<String> running = images.getOrDefault(app.namespace() + "/" + app.name(), List.of());
                cells.add(new Cell(app, running, previous != null && !Objects.equals(previous, running)));
                previous = running;
            }
            rows.add(new Row(service, List.copyOf(cells)));
        });
        return new EnvironmentMatrix(List.copyOf(environments), List.copyOf(rows), List.copyOf(unassigned));
    }

    static String service(AppSummary app) {
        String suffix = "-" + app.environment();
        return app.name().endsWith(suffix) && app.name().length() > suffix.length()
                ? app.name().substring(0, app.name().length() - suffix.length()) : app.name();
    }

    /** {@code ghcr.io/org/guestbook:3.3.0} as {@code guestbook:3.3.0}: the last path segment, which says the version. */
    public static String shortImage(String image) {
        int digest = image.indexOf('@');
        String name = digest < 0 ? image : image.substring(0, digest);
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        return digest < 0 ? shortName : shortName + image.substring(digest, Math.min(image.length(), digest + 14));
    }
}
