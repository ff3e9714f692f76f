package io.mooring.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every {@code *.yaml}, {@code *.yml} and {@code *.json} file below a path, in the order of their
 * relative paths, each document printed as written (comments kept). Hidden directories such as
 * {@code .git} are skipped; a {@code v1/List} is expanded into its items, as kubectl does.
 */
public final class PlainRenderer implements Renderer {
    private final YamlReader reader = new YamlReader();

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        Path root = request.path();
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : manifestFiles(root)) {
            String source = Files.isDirectory(root) ? root.relativize(file).toString() : file.getFileName().toString();
            for (YamlDocument document : reader.read(source, read(file))) {
                if (!document.isEmpty()) {
                    addObjects(document, document.value(), manifests);
                }
            }
        }
        return manifests;
    }

    private static void addObjects(YamlDocument document, JsonNode value, List<Manifest> into) {
        if (!(value instanceof ObjectNode object) || !object.path("apiVersion").isTextual() || !object.path("kind").isTextual()) {
            throw new ManifestException(document.source(), document.line(),
                    "not a Kubernetes object: a document needs apiVersion and kind",
                    "remove the file from the directory, or render a directory that holds only manifests");
        }
        if (object.path("kind").asText().equals("List") && object.path("items").isArray()) {
            // Items have no text of their own in the file; they are printed as kubectl would print them.
            for (JsonNode item : object.path("items")) {
                if (!(item instanceof ObjectNode itemObject)) {
                    throw new ManifestException(document.source(), document.line(), "a List item is not an object", null);
                }
                into.add(new Manifest(itemObject, document.source(), document.line(), GoYamlWriter.write(itemObject)));
            }
            return;
        }
        into.add(new Manifest(object, document.source(), document.line(), textOf(document)));
    }

    /** The document as written, comments included, without the {@code ---} line that started it. */
    static String textOf(YamlDocument document) {
        String[] lines = document.text().split("\n", -1);
        StringBuilder text = new StringBuilder();
        boolean content = false;
        boolean separatorDropped = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (!content && !separatorDropped && (stripped.equals("---") || stripped.startsWith("--- #"))) {
                separatorDropped = true;
                continue;
            }
            content |= !stripped.isEmpty() && !stripped.startsWith("#");
            text.append(line);
            if (i < lines.length - 1) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    static List<Path> manifestFiles(Path root) {
        if (!Files.exists(root)) {
            throw new ManifestException(root.toString(), 0, "no such file or directory", "check the path");
        }
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(f -> !isHidden(root.relativize(f)))
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
                    })
                    .sorted(Comparator.comparing(f -> root.relativize(f).toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0, "cannot read: " + e.getMessage(), null);
        }
    }
}
