package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns YAML text into resources the way kustomize does: documents split at separator lines,
 * empty documents dropped, lists inlined, metadata checked.
 */
final class ResourceFactory {
    private static final YamlReader READER = new YamlReader();
    /** A document separator line as kustomize's reader finds them: "---" at the start of a line, anything after it. */
    private static final Pattern SEPARATOR = Pattern.compile("\n---.*\n");

    private ResourceFactory() {
    }

    static List<Resource> fromYaml(String source, String text) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        for (YamlDocument document : documents(source, text)) {
            // kustomize skips empty documents, and an empty list ("[]") is as good as empty.
            if (document.isEmpty() || (document.value().isArray() && document.value().isEmpty())) {
                continue;
            }
            if (!document.value().isObject()) {
                throw new ManifestException(source, document.line(),
                        "expected a YAML mapping (a Kubernetes object), found " + kindOf(document.value()), null);
            }
            if (document.value().isEmpty()) {
                continue;
            }
            dropMergeKeys(document.value());
            validate(source, document.value());
            queue.add(document.value());
        }
        List<Resource> result = new ArrayList<>();
        // Like kustomize, the items of a FooList go to the end of the queue, after the other documents.
        while (!queue.isEmpty()) {
            JsonNode node = queue.poll();
            String kind = node.path("kind").asText("");
            if (!kind.endsWith("List") || !node.has("items")) {
                result.add(new Resource((ObjectNode) node));
                continue;
            }
            JsonNode items = node.get("items");
            if (items.isNull()) {
                continue;
            }
            if (!items.isArray()) {
                throw new KustomizeException(source, "expected array in " + kind + "/items, but found " + kindOf(items), null);
            }
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw new KustomizeException(source, "trouble expanding list of " + kind + "; items must be objects", null);
                }
                validate(source, item);
                queue.add(item);
            }
        }
        return result;
    }

    /**
     * The documents as kustomize finds them: it splits the text itself at every line that starts
     * with {@code ---} (which may only be followed by a comment), then decodes one document from
     * each part; anything after that first document in a part is not read.
     */
    static List<YamlDocument> documents(String source, String text) {
        String normalized = text.replace("\r\n", "\n");
        List<YamlDocument> documents = new ArrayList<>();
        Matcher separator = SEPARATOR.matcher(normalized);
        int start = 0;
        while (true) {
            boolean found = separator.find();
            String part = found ? normalized.substring(start, separator.start()) + "\n" : normalized.substring(start);
            int line = 1 + (int) normalized.substring(0, start).chars().filter(c -> c == '\n').count();
            firstDocument(source, part, line).ifPresent(documents::add);
            if (!found) {
                return documents;
            }
            String after = separator.group().substring(4).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                throw new KustomizeException(source, "invalid document separator: " + separator.group().strip(),
                        "put nothing but a comment after --- on a separator line");
            }
            start = separator.end();
        }
    }

    private static Optional<YamlDocument> firstDocument(String source, String part, int firstLine) {
        String[] lines = part.split("\n", -1);
        boolean content = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isDocumentEnd(line)) {
                if (!content) {
                    // go-yaml refuses a stream that opens with "...", where a document must start.
                    throw new ManifestException(source, firstLine + i, "malformed YAML: did not find expected node content",
                            "remove the '...' line or put a document before it");
                }
                // What follows the first document's end is never read.
                part = String.join("\n", List.of(lines).subList(0, i + 1)) + "\n";
                break;
            }
            content |= !line.isBlank() && !line.strip().startsWith("#");
        }
        try {
            return READER.read(source, part).stream().findFirst()
                    .map(d -> new YamlDocument(d.value(), d.source(), d.line() + firstLine - 1, d.text()));
        } catch (ManifestException e) {
            int line = e.line() > 0 ? e.line() + firstLine - 1 : 0;
            throw new ManifestException(e.source(), line, e.problem(), e.hint(), e);
        }
    }

    private static boolean isDocumentEnd(String line) {
        return line.startsWith("...") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
    }

    /**
     * kustomize resolves YAML merge keys when it loads a file, then deletes every key named
     * {@code <<} that is left, even a quoted one whose value was never merged.
     */
    private static void dropMergeKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("<<");
        }
        node.forEach(ResourceFactory::dropMergeKeys);
    }

    private static void validate(String source, JsonNode object) {
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw new KustomizeException(source, "missing kind in object " + brief(object), "every resource needs apiVersion and kind");
        }
        if (!kind.endsWith("List") && object.path("metadata").path("name").asText("").isEmpty()) {
            throw new KustomizeException(source, "missing metadata.name in object " + brief(object), "give the resource a name");
        }
    }

    private static String brief(JsonNode object) {
        return "{" + object.path("apiVersion").asText("") + " " + object.path("kind").asText("") + " "
                + object.path("metadata").path("name").asText("") + "}";
    }

    private static String kindOf(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "a scalar";
    }
}
