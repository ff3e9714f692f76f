package io.mooring.bench;

import io.mooring.render.Renderers;
import io.mooring.render.kustomize.Kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One case of the shared Kustomize corpus ({@code compat/kustomize/cases/<name>}): the directory
 * its {@code case.yaml} names in {@code build: files/<dir>}, built by either tool.
 */
record KustomizeCase(String name, Path buildDir) {
    /** The cases under {@code casesDir} whose names match, sorted by name. */
    static List<KustomizeCase> list(Path casesDir, Predicate<String> names) throws IOException {
        try (Stream<Path> dirs = Files.list(casesDir)) {
            List<Path> matching = dirs.filter(Files::isDirectory)
                    .filter(dir -> names.test(dir.getFileName().toString()))
                    .sorted()
                    .toList();
            List<KustomizeCase> cases = new ArrayList<>();
            for (Path dir : matching) {
                cases.add(new KustomizeCase(dir.getFileName().toString(), buildDir(dir)));
            }
            return cases;
        }
    }

    /** What Mooring prints for the case: the same call and the same printing as {@code mooring render}. */
    String renderWithMooring() {
        return Renderers.toYaml(Kustomize.build(buildDir));
    }

    List<String> kubectlCommand() {
        return List.of("kubectl", "kustomize", buildDir.toString());
    }

    private static Path buildDir(Path caseDir) throws IOException {
        Path caseFile = caseDir.resolve("case.yaml");
        for (String line : Files.readAllLines(caseFile)) {
            if (line.startsWith("build:")) {
                return caseDir.resolve(line.substring("build:".length()).strip());
            }
        }
        throw new IOException(caseFile + " has no 'build: files/<dir>' line");
    }
}
