package io.mooring.render;

import java.nio.file.Path;
import java.util.List;

/**
 * What to render and with which options.
 *
 * @param path        the directory (or, for plain YAML, a single file) to render
 * @param valuesFiles Helm values files, later ones win
 * @param setValues   Helm {@code --set} expressions ({@code a.b=c}), applied after the values files
 * @param namespace   the namespace to render into (Helm's release namespace); null for the default
 * @param releaseName the Helm release name; null for the default
 */
public record RenderRequest(Path path, List<Path> valuesFiles, List<String> setValues, String namespace, String releaseName) {
    public RenderRequest {
        valuesFiles = List.copyOf(valuesFiles);
        setValues = List.copyOf(setValues);
    }

    public static RenderRequest of(Path path) {
        return new RenderRequest(path, List.of(), List.of(), null, null);
    }
}
