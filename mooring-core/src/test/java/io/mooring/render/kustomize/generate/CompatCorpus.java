package io.mooring.render.kustomize.generate;

import io.mooring.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Kustomize's build cases in ../shared/compat/kustomize (absent in a user's clone). */
final class CompatCorpus {
    private CompatCorpus() {
    }

    /** The cases folder, or a skipped test where ../shared is absent. */
    static Path cases() {
        return SharedData.require("compat/kustomize/cases");
    }

    static List<Path> list(Path cases) {
        try (Stream<Path> dirs = Files.list(cases)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory a case builds ({@code build:} in case.yaml). */
    static Path buildDir(Path caseDir) {
        JsonNode spec = new YamlReader().readOne("case.yaml", read(caseDir.resolve("case.yaml")));
        return caseDir.resolve(spec.path("build").asText());
    }

    /** The non-empty documents of expected.yaml. */
    static List<JsonNode> expected(Path caseDir) {
        return new YamlReader().read("expected.yaml", read(caseDir.resolve("expected.yaml"))).stream()
                .filter(d -> !d.isEmpty())
                .map(YamlDocument::value)
                .toList();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
