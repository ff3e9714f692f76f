package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.FileLoader;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks generators and the name hash against kustomize v5.5.0's own build cases: the cases whose
 * kustomization only generates (plus a name prefix or suffix) are built here and compared with the
 * expected output as trees; and every hash-suffixed ConfigMap or Secret anywhere in the expected
 * outputs (after overlays, merges and patches) must carry the hash of its printed content.
 */
class GeneratorCompatTest {
    /** Kustomization fields these cases may use: generators, and renames that do not touch the hash. */
    private static final Set<String> GENERATOR_ONLY_FIELDS = Set.of("apiVersion", "kind", "configMapGenerator",
            "secretGenerator", "generatorOptions", "generators", "namePrefix", "nameSuffix");
    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** A name ending in a kustomize hash: ten characters from its alphabet (hex without 0 1 3 a e, plus g h k m t). */
    private static final Pattern HASHED_NAME = Pattern.compile(".*-([2456789bcdfghkmt]{10})");

    private static Path cases() {
        return CompatCorpus.cases();
    }

    @TestFactory
    List<DynamicTest> generatorOnlyCasesBuildTheExpectedObjects() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path caseDir : CompatCorpus.list(cases())) {
            Path buildDir = CompatCorpus.buildDir(caseDir);
            Optional<ObjectNode> kustomization = kustomization(buildDir, caseDir, skipped);
            if (kustomization.isPresent() && isGeneratorOnly(kustomization.get(), buildDir)) {
                tests.add(DynamicTest.dynamicTest(caseDir.getFileName().toString(),
                        () -> assertBuildsExpected(caseDir, buildDir, kustomization.get())));
            }
        }
        System.out.println("kustomize compat, generator-only cases checked: " + tests.size() + " "
                + tests.stream().map(DynamicTest::getDisplayName).toList()
                + (skipped.isEmpty() ? "" : "; not readable here: " + skipped));
        assertThat(tests).as("the corpus has generator-only cases; finding none means the selection broke").hasSizeGreaterThanOrEqualTo(5);
        return tests;
    }

    @Test
    void everyHashSuffixInTheExpectedOutputsIsTheNameHashOfTheObject() {
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path caseDir : CompatCorpus.list(cases())) {
            for (JsonNode object : CompatCorpus.expected(caseDir)) {
                String kind = object.path("kind").asText();
                var name = HASHED_NAME.matcher(object.path("metadata").path("name").asText());
                if ((kind.equals("ConfigMap") || kind.equals("Secret")) && name.matches()) {
                    checked++;
                    String hash = NameHash.of(object);
                    if (!hash.equals(name.group(1))) {
                        mismatches.add(caseDir.getFileName() + ": " + kind + " " + name.group() + " hashes to " + hash);
                    }
                }
            }
        }
        System.out.println("kustomize compat, hash-suffixed objects in expected outputs checked: " + checked);
        assertThat(checked).as("the corpus has hashed ConfigMaps and Secrets").isGreaterThan(0);
        assertThat(mismatches).as("objects whose suffix is not their content hash").isEmpty();
    }

    private static Optional<ObjectNode> kustomization(Path buildDir, Path caseDir, List<String> skipped) {
        for (String name : KUSTOMIZATION_FILES) {
            Path file = buildDir.resolve(name);
            if (Files.isRegularFile(file)) {
                // Kustomize reads a kustomization with last-wins duplicate keys.
                return Optional.of((ObjectNode) YamlReader.goYamlV2().readOne(file.toString(), CompatCorpus.read(file)));
            }
        }
        return Optional.empty();
    }

    private static boolean isGeneratorOnly(ObjectNode kustomization, Path buildDir) {
        Iterator<String> fields = kustomization.fieldNames();
        boolean generates = false;
        while (fields.hasNext()) {
            String field = fields.next();
            if (!GENERATOR_ONLY_FIELDS.contains(field)) {
                return false;
            }
            generates |= field.endsWith("enerator") || field.equals("generators");
        }
        return generates && builtinConfigs(kustomization, FileLoader.at(buildDir)).stream()
                .allMatch(c -> GeneratedKind.ofBuiltinKind(c.value().path("kind").asText()).isPresent());
    }

    /** The configs listed under generators: inline YAML, or files in the kustomization's root. */
    private static List<YamlDocument> builtinConfigs(ObjectNode kustomization, FileLoader loader) {
        List<YamlDocument> configs = new ArrayList<>();
        for (JsonNode entry : kustomization.path("generators")) {
            String text = entry.asText();
            boolean inline = text.contains("\n");
            String source = inline ? loader.root().resolve("kustomization.yaml").toString() : text;
            new YamlReader().read(source, inline ? text : loader.load(text)).stream()
                    .filter(d -> !d.isEmpty())
                    .forEach(configs::add);
        }
        return configs;
    }

    private static void assertBuildsExpected(Path caseDir, Path buildDir, ObjectNode kustomization) {
        String source = buildDir.resolve("kustomization.yaml").toString();
        FileLoader loader = FileLoader.at(buildDir);
        GeneratorOptions global = GeneratorOptions.fromKustomization(kustomization.get("generatorOptions"), source);
        List<GeneratorArgs> args = new ArrayList<>();
        for (GeneratedKind kind : GeneratedKind.values()) {
            args.addAll(GeneratorArgs.fromKustomization(kind, kustomization.get(kind.kustomizationField()), global, source));
        }
        for (YamlDocument config : builtinConfigs(kustomization, loader)) {
            args.add(GeneratorArgs.fromBuiltinConfig(config.value(), config.source()));
        }
        String prefix = kustomization.path("namePrefix").asText("");
        String suffix = kustomization.path("nameSuffix").asText("");
        List<JsonNode> built = new ArrayList<>();
        for (GeneratorArgs arg : args) {
            Generated generated = Generator.generate(arg, loader);
            ObjectNode object = generated.object();
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            String name = prefix + metadata.get("name").asText() + suffix;
            metadata.put("name", generated.needsHash() ? name + "-" + NameHash.of(object) : name);
            built.add(object);
        }
        assertThat(sorted(built)).as(caseDir.getFileName() + ": generated objects against expected.yaml")
                .isEqualTo(sorted(CompatCorpus.expected(caseDir)));
    }

    private static List<JsonNode> sorted(List<JsonNode> objects) {
        return objects.stream()
                .sorted(Comparator.comparing((JsonNode o) -> o.path("kind").asText())
                        .thenComparing(o -> o.path("metadata").path("namespace").asText())
                        .thenComparing(o -> o.path("metadata").path("name").asText()))
                .toList();
    }
}
