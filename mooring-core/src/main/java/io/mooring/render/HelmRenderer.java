package io.mooring.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Helm chart rendered by Helm itself (helm-java runs Helm's Go code in-process), with the
 * meaning of {@code helm template CHART}:
 * <ul>
 *   <li>values files in order, later ones win, then the {@code --set} values;</li>
 *   <li>the release name defaults to {@code release-name} and the namespace to {@code default},
 *       as {@code helm template} without a name and without a kube context;</li>
 *   <li>dependencies must be vendored under {@code charts/} (a chart directory or a {@code .tgz});
 *       nothing is downloaded, and the chart directory is never written to;</li>
 *   <li>the output is Helm's, in Helm's install order, one {@link Manifest} per document with
 *       {@code source} the template path of Helm's {@code # Source:} comment.</li>
 * </ul>
 * Differences: templates annotated as Helm hooks are not in the output (helm-java's template
 * leaves them out), and {@code --set key={a,b}} is refused (see {@link HelmSetValues}).
 */
public final class HelmRenderer implements Renderer {
    static final String DEFAULT_RELEASE = "release-name";
    static final String DEFAULT_NAMESPACE = "default";
    private static final String SOURCE_COMMENT = "# Source: ";

    private final YamlReader reader = new YamlReader();

    @Override
    public String name() {
        return "helm";
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        Path chart = request.path();
        Map<String, Path> valuesFiles = valuesFilesByAbsolutePath(request.valuesFiles());
        TemplateCommand template = template(chart)
                .withName(request.releaseName() == null ? DEFAULT_RELEASE : request.releaseName())
                .withNamespace(request.namespace() == null ? DEFAULT_NAMESPACE : request.namespace());
        valuesFiles.keySet().forEach(file -> template.withValuesFile(Path.of(file)));
        HelmSetValues.parse(request.setValues()).forEach(a -> template.set(a.key(), a.value()));
        String output;
        try {
            output = template.call();
        } catch (IllegalStateException e) {
            // helm-java reports every Helm error this way, with Helm's message.
            throw HelmErrors.translate(e.getMessage(), chart, valuesFiles);
        }
        return manifests(output);
    }

    private static TemplateCommand template(Path chart) {
        try {
            return new Helm(chart.toAbsolutePath()).template();
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load Helm's native library (com.marcnuri.helm-java:linux-amd64): " + e, e);
        }
    }

    /** Checked here, because Helm's own message ({@code open /abs/path: no such file}) says less. */
    private static Map<String, Path> valuesFilesByAbsolutePath(List<Path> files) {
        Map<String, Path> byAbsolute = new LinkedHashMap<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ManifestException(file.toString(), 0,
                        Files.isDirectory(file) ? "values file is a directory" : "values file not found", "check the --values path");
            }
            byAbsolute.put(file.toAbsolutePath().normalize().toString(), file);
        }
        return byAbsolute;
    }

    /** Helm prints {@code ---} and a {@code # Source:} line before every document. */
    private List<Manifest> manifests(String output) {
        List<Manifest> manifests = new ArrayList<>();
        StringBuilder document = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.equals("---")) {
                addObject(document.toString(), manifests);
                document.setLength(0);
            } else {
                document.append(line).append('\n');
            }
        }
        addObject(document.toString(), manifests);
        return manifests;
    }

    private void addObject(String text, List<Manifest> into) {
        if (text.isBlank()) {
            return;
        }
        String source = text.startsWith(SOURCE_COMMENT) ? text.substring(SOURCE_COMMENT.length(), text.indexOf('\n')) : "helm output";
        List<YamlDocument> documents;
        try {
            documents = reader.read(source, text);
        } catch (ManifestException e) {
            throw new ManifestException(source, 0, "Helm's output for this template, line " + e.line() + ": " + e.problem(), e.hint(), e);
        }
        for (YamlDocument document : documents) {
            if (document.isEmpty()) {
                continue; // a template that renders only comments
            }
            JsonNode value = document.value();
            if (!(value instanceof ObjectNode object) || !object.path("apiVersion").isTextual() || !object.path("kind").isTextual()) {
                throw new ManifestException(source, 0, "the template renders a document that is not a Kubernetes object (it needs apiVersion and kind)",
                        "fix the template");
            }
            into.add(new Manifest(object, source, 0, text.stripTrailing() + "\n"));
        }
    }
}
