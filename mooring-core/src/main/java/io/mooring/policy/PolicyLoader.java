package io.mooring.policy;

import io.mooring.resource.ManifestException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the policies of a directory (every {@code *.yaml}, {@code *.yml} and {@code *.json} file
 * below it) or of one file. Every document must be a policy Mooring can evaluate: anything else is
 * an error, so that no policy is silently left out. Two policies with one name are an error too.
 */
public final class PolicyLoader {
    private PolicyLoader() {
    }

    public static PolicySet load(Path path) {
        List<Policy> policies = new ArrayList<>();
        for (Path file : files(path)) {
            policies.addAll(PolicyParser.parse(file.toString(), read(file)));
        }
        Map<String, Policy> byName = new HashMap<>();
        for (Policy policy : policies) {
            Policy other = byName.putIfAbsent(policy.qualifiedName(), policy);
            if (other != null) {
                throw new ManifestException(policy.source(), policy.line(), "policy " + policy.qualifiedName()
                        + " is defined twice (also in " + other.source() + ")", "give each policy its own name");
            }
        }
        if (policies.isEmpty()) {
            throw new ManifestException(path.toString(), 0, "no policies found", "put Kyverno ClusterPolicy files (*.yaml) there");
        }
        return PolicySet.of(policies);
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new ManifestException(path.toString(), 0, "no such file or directory", "give the directory that holds the policies");
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).filter(PolicyLoader::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0, "cannot read: " + e.getMessage(), null);
        }
    }
}
