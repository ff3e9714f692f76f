package io.mooring.render;

import io.mooring.render.kustomize.Kustomize;
import io.mooring.resource.Manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Chooses the renderer for a path and prints what renderers produce. */
public final class Renderers {
    private Renderers() {
    }

    /** Plain YAML, unless the directory holds a kustomization or a Helm chart. */
    public static Renderer forPath(Path path) {
        if (isFile(path, "Chart.yaml")) {
            return new HelmRenderer();
        }
        if (Files.isDirectory(path) && Kustomize.FILE_NAMES.stream().anyMatch(name -> isFile(path, name))) {
            return new KustomizeRenderer();
        }
        return new PlainRenderer();
    }

    /** A multi-document YAML stream of the manifests' texts, in order. */
    public static String toYaml(List<Manifest> manifests) {
        return manifests.stream()
                .map(m -> m.text().endsWith("\n") ? m.text() : m.text() + "\n")
                .collect(Collectors.joining("---\n"));
    }

    static boolean isFile(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }
}
