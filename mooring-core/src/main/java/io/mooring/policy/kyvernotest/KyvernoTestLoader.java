package io.mooring.policy.kyvernotest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicyParser;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds Kyverno CLI test files below a directory and reads them with the files they name (paths relative to the test file). */
public final class KyvernoTestLoader {
    public static final String FILE_NAME = "kyverno-test.yaml";

    private KyvernoTestLoader() {
    }

    /** Every {@code kyverno-test.yaml} below {@code dir} (hidden directories included, as test folders are {@code .kyverno-test}), sorted. */
    public static List<Path> find(Path dir) {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static LoadedTest load(Path file) {
        KyvernoTest test = parse(file, read(file));
        List<Policy> policies = new ArrayList<>();
        for (Path policy : test.policies()) {
            policies.addAll(PolicyParser.parse(policy.toString(), read(policy)));
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (Path resource : test.resources()) {
            for (YamlDocument document : new YamlReader().read(resource.toString(), read(resource))) {
                addResources(document.value(), resource, document.line(), resources);
            }
        }
        TestValues values = test.variables() == null ? TestValues.NONE : values(test.variables());
        return new LoadedTest(test, policies, resources, values);
    }

    static KyvernoTest parse(Path file, String text) {
        String source = file.toString();
        JsonNode root = new YamlReader().readOne(source, text);
        String apiVersion = root.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.startsWith("cli.kyverno.io/")) {
            throw new ManifestException(source, 1, "not a Kyverno test file (apiVersion " + apiVersion + ")", "use apiVersion cli.kyverno.io/v1alpha1, kind Test");
        }
        Path dir = file.toAbsolutePath().getParent();
        List<KyvernoTest.ExpectedResult> results = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            List<String> names = new ArrayList<>();
            result.path("resources").forEach(n -> names.add(n.asText()));
            if (result.has("resource")) {
                names.add(result.get("resource").asText());
            }
            String expected = result.path("result").asText(result.path("status").asText(""));
            results.add(new KyvernoTest.ExpectedResult(result.path("policy").asText(""), result.path("rule").asText(""),
                    result.path("kind").asText(""), names, expected));
        }
        String variables = root.path("variables").asText("");
        return new KyvernoTest(file, root.path("metadata").path("name").asText(root.path("name").asText(file.toString())),
                paths(root.path("policies"), dir, source), paths(root.path("resources"), dir, source),
                variables.isEmpty() ? null : resolve(dir, variables, source), results);
    }

    private static List<Path> paths(JsonNode list, Path dir, String source) {
        List<Path> paths = new ArrayList<>();
        list.forEach(entry -> paths.add(resolve(dir, entry.asText(), source)));
        return paths;
    }

    private static Path resolve(Path dir, String entry, String source) {
        if (entry.contains("://")) {
            throw new ManifestException(source, 0, "names " + entry + ", a remote file", "Mooring reads local files only; download it next to the test");
        }
        return dir.resolve(entry).normalize();
    }

    private static void addResources(JsonNode document, Path file, int line, List<ObjectNode> resources) {
        if (document == null || !document.isObject()) {
            return;
        }
        if (document.path("kind").asText("").equals("List") && document.path("items").isArray()) {
            document.path("items").forEach(item -> addResources(item, file, line, resources));
            return;
        }
        if (document.path("kind").asText("").isEmpty()) {
            throw new ManifestException(file.toString(), line, "a resource has no kind", "resources need apiVersion, kind and metadata.name");
        }
        ObjectNode resource = (ObjectNode) document;
        // kyverno test puts every resource without a namespace into "default", cluster-scoped ones too,
        // and expected results name them so (default/my-pod).
        if (resource.path("metadata").path("namespace").asText("").isEmpty()) {
            JsonNode metadata = resource.get("metadata");
            ObjectNode withNamespace = metadata != null && metadata.isObject() ? (ObjectNode) metadata : resource.putObject("metadata");
            withNamespace.put("namespace", "default");
        }
        resources.add(resource);
    }

    static TestValues values(Path file) {
        JsonNode root = new YamlReader().readOne(file.toString(), read(file));
        Map<String, JsonNode> global = fields(root.path("globalValues"));
        List<TestValues.PolicyValues> policies = new ArrayList<>();
        for (JsonNode policy : root.path("policies")) {
            Map<String, Map<String, JsonNode>> byResource = new LinkedHashMap<>();
            policy.path("resources").forEach(r -> byResource.put(r.path("name").asText(""), fields(r.path("values"))));
            Map<String, Map<String, JsonNode>> byRule = new LinkedHashMap<>();
            policy.path("rules").forEach(r -> byRule.put(r.path("name").asText(""), fields(r.path("values"))));
            policies.add(new TestValues.PolicyValues(policy.path("name").asText(""), byResource, byRule));
        }
        Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
        for (JsonNode namespace : root.path("namespaceSelector")) {
            Map<String, String> labels = new LinkedHashMap<>();
            fields(namespace.path("labels")).forEach((k, v) -> labels.put(k, v.asText()));
            namespaceLabels.put(namespace.path("name").asText(""), labels);
        }
        return new TestValues(global, policies, namespaceLabels);
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0, "cannot read: " + e.getMessage(), "check that the file exists");
        }
    }
}
