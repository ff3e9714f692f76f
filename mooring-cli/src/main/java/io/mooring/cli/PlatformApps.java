package io.mooring.cli;

import io.mooring.render.RenderRequest;
import io.mooring.resource.ManifestException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The apps of a platform repo and their environments, by the layout of {@code examples/platform}:
 * every directory under {@code apps/} is an app; a Helm chart has an environment per
 * {@code values-<env>.yaml}, a Kustomize app one per {@code overlays/<env>/}; anything else is
 * rendered once. An environment runs in the Namespace labelled with its app and environment
 * ({@link RenderedApp#namespaceOf}). Stands in until Mooring's Application kind says which app
 * goes where.
 */
final class PlatformApps {
    /** The label that ties a Namespace to the app whose environment runs in it. */
    static final String APP_LABEL = "mooring.io/app";
    /** The label that names the environment of a Namespace. */
    static final String ENVIRONMENT_LABEL = "environment";
    private static final Pattern VALUES_FILE = Pattern.compile("values-(.+)\\.ya?ml");

    private PlatformApps() {
    }

    /**
     * One app in one environment.
     *
     * @param environment null when the app has no environments
     */
    record Target(String app, String environment, Path path, List<Path> valuesFiles) {
        String label() {
            return environment == null ? app : app + " [" + environment + "]";
        }

        /** Helm charts are released under the app's name. */
        RenderRequest request() {
            return new RenderRequest(path, valuesFiles, List.of(), null, app);
        }
    }

    static List<Target> of(Path repo) {
        Path apps = repo.resolve("apps");
        if (!Files.isDirectory(apps)) {
            throw new ManifestException(repo.toString(), 0, "not a platform repo: it has no apps/ directory",
                    "pass --repo with the path of one, such as examples/platform");
        }
        List<Target> targets = new ArrayList<>();
        for (Path app : directories(apps)) {
            String name = app.getFileName().toString();
            if (Files.isRegularFile(app.resolve("Chart.yaml"))) {
                targets.addAll(chartEnvironments(name, app));
            } else if (Files.isDirectory(app.resolve("overlays"))) {
                directories(app.resolve("overlays")).forEach(overlay ->
                        targets.add(new Target(name, overlay.getFileName().toString(), overlay, List.of())));
            } else {
                targets.add(new Target(name, null, app, List.of()));
            }
        }
        return targets;
    }

    private static List<Target> chartEnvironments(String name, Path chart) {
        List<Target> targets = new ArrayList<>();
        for (Path file : list(chart)) {
            Matcher values = VALUES_FILE.matcher(file.getFileName().toString());
            if (values.matches() && Files.isRegularFile(file)) {
                targets.add(new Target(name, values.group(1), chart, List.of(file)));
            }
        }
        return targets.isEmpty() ? List.of(new Target(name, null, chart, List.of())) : targets;
    }

    private static List<Path> directories(Path dir) {
        return list(dir).stream().filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList();
    }

    /** The entries of a directory, sorted by name. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
