package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML stream into documents of plain data (Jackson trees), the way Kubernetes' Go tools
 * read it (see {@link YamlScalars}): aliases expanded, merge keys applied. Refuses duplicate keys,
 * alias bombs, recursion and oversized input with the file and line of the problem.
 */
public final class YamlReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_TAG = YamlScalars.TAG_PREFIX + "merge";

    private final YamlLimits limits;
    /** go-yaml v2's rules: a repeated key replaces the earlier value, and yes/no/on/off are booleans. */
    private final boolean goYamlV2;

    private YamlReader(YamlLimits limits, boolean goYamlV2) {
        this.limits = limits;
        this.goYamlV2 = goYamlV2;
    }

    public YamlReader(YamlLimits limits) {
        this(limits, false);
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT, false);
    }

    /**
     * A reader for files that Go tools read with go-yaml v2 (kustomization files): a repeated
     * mapping key replaces the earlier value instead of failing, and the YAML 1.1 words
     * {@code yes}, {@code no}, {@code on}, {@code off}, {@code y} and {@code n} are booleans.
     * Manifests keep the strict v3 default.
     */
    public static YamlReader goYamlV2() {
        return new YamlReader(YamlLimits.DEFAULT, true);
    }

    /** All documents of {@code text}, in order; empty documents included (callers decide). */
    public List<YamlDocument> read(String source, String text) {
        long size = text.length() > limits.maxBytes() / 4 ? text.getBytes(StandardCharsets.UTF_8).length : 0;
        if (size > limits.maxBytes()) {
            throw new ManifestException(source, 0,
                    "file is " + size + " bytes, more than the " + limits.maxBytes() + " a manifest may have",
                    "split it into smaller files");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setCodePointLimit(Integer.MAX_VALUE)
                .setMaxAliasesForCollections(Integer.MAX_VALUE)
                .setUseMarks(true)
                // snakeyaml-engine 2.9 fails (IndexOutOfBoundsException) on a surrogate pair that
                // straddles its read buffer's end; a buffer that holds the whole text never splits one.
                .setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        List<Parsed> parsed = new ArrayList<>();
        Iterator<Event> events = new Parse(settings).parseString(text).iterator();
        try {
            while (events.hasNext()) {
                Event event = events.next();
                if (event instanceof DocumentStartEvent start) {
                    parsed.add(readDocument(source, text, start, events));
                }
            }
        } catch (MarkedYamlEngineException e) {
            throw malformed(source, e);
        } catch (YamlEngineException e) {
            throw new ManifestException(source, 0, "malformed YAML: " + e.getMessage(), "fix the YAML syntax");
        }
        // A document's text runs from its start (the file's start for the first, so that leading
        // comments stay with it) to where the next document starts.
        List<YamlDocument> documents = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            int from = i == 0 ? 0 : parsed.get(i).start();
            int to = i + 1 < parsed.size() ? parsed.get(i + 1).start() : text.length();
            documents.add(new YamlDocument(parsed.get(i).value(), source, parsed.get(i).line(), text.substring(from, Math.max(from, to))));
        }
        return documents;
    }

    /** A document's value, first line and start offset in the text. */
    private record Parsed(JsonNode value, int line, int start) {
    }

    /** The single document of {@code text}; an empty stream gives a {@code NullNode}. */
    public JsonNode readOne(String source, String text) {
        List<YamlDocument> documents = read(source, text);
        if (documents.size() > 1) {
            throw new ManifestException(source, documents.get(1).line(), "expected one YAML document, found " + documents.size(), null);
        }
        return documents.isEmpty() ? NullNode.instance : documents.getFirst().value();
    }

    private Parsed readDocument(String source, String text, DocumentStartEvent start, Iterator<Event> events) {
        DocumentBuilder builder = new DocumentBuilder(source, text);
        JsonNode value = NullNode.instance;
        while (events.hasNext()) {
            Event event = events.next();
            if (event instanceof DocumentEndEvent) {
                return new Parsed(value, line(start.getStartMark()), offset(text, start.getStartMark()));
            }
            JsonNode built = builder.accept(event);
            if (built != null) {
                value = built;
            }
        }
        throw new ManifestException(source, line(start.getStartMark()), "document does not end", "the file may be truncated");
    }

    /** Builds one document's tree from its events, with a stack of open collections. */
    private final class DocumentBuilder {
        private final String source;
        private final String text;
        private final Deque<Open> open = new ArrayDeque<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();
        private long nodes;

        DocumentBuilder(String source, String text) {
            this.source = source;
            this.text = text;
        }

        /** Consumes an event; returns the root when it is complete. */
        JsonNode accept(Event event) {
            return switch (event) {
                case ScalarEvent scalar -> add(scalar(scalar), scalar, isMergeKey(scalar));
                case AliasEvent alias -> add(alias(alias), alias, false);
                case MappingStartEvent mapping -> push(new Open(NODES.objectNode(), mapping));
                case SequenceStartEvent sequence -> push(new Open(NODES.arrayNode(), sequence));
                case Event end when end.getEventId() == Event.ID.MappingEnd || end.getEventId() == Event.ID.SequenceEnd -> pop();
                default -> null;
            };
        }

        private JsonNode push(Open collection) {
            if (open.size() >= limits.maxDepth()) {
                throw new ManifestException(source, line(collection.start.getStartMark()),
                        "nesting deeper than " + limits.maxDepth() + " levels", "flatten the structure");
            }
            count(1, collection.start);
            // Registered now, so that an alias inside the collection to itself is seen as recursion.
            collection.start.getAnchor().ifPresent(a -> anchors.put(a.getValue(), collection.node));
            open.push(collection);
            return null;
        }

        private JsonNode pop() {
            Open done = open.pop();
            if (done.node instanceof ObjectNode object) {
                done.applyMerges(object);
            }
            return add(done.node, done.start, false);
        }

        private JsonNode add(JsonNode value, Event event, boolean mergeKey) {
            if (open.isEmpty()) {
                return value;
            }
            open.peek().add(value, event, mergeKey);
            return null;
        }

        private JsonNode scalar(ScalarEvent event) {
            count(1, event);
            if (event.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED) {
                refuseSurrogateEscapes(event);
            }
            JsonNode value;
            Optional<String> tag = event.getTag().filter(t -> !t.equals("!"));
            try {
                if (tag.isPresent()) {
                    value = YamlScalars.tagged(tag.get(), event.getValue());
                } else if (event.getScalarStyle() == ScalarStyle.PLAIN && !event.getTag().isPresent()) {
                    value = goYamlV2 ? YamlScalars.plainYaml11(event.getValue()) : YamlScalars.plain(event.getValue());
                } else {
                    value = NODES.textNode(event.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw new ManifestException(source, line(event.getStartMark()), e.getMessage(), "fix the value or its tag");
            }
            event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), value));
            return value;
        }

        /**
         * go-yaml refuses a \\u or \\U escape that names a UTF-16 surrogate ("\\ud83d\\ude80", as
         * JSON writes an emoji): only a decoded value with surrogates can have come from one.
         */
        private void refuseSurrogateEscapes(ScalarEvent event) {
            if (event.getValue().chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                return;
            }
            String written = text.substring(offset(text, event.getStartMark()), offset(text, event.getEndMark()));
            for (int i = 0; i + 1 < written.length(); i++) {
                if (written.charAt(i) != '\\') {
                    continue;
                }
                char kind = written.charAt(i + 1);
                int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
                if (digits > 0 && i + 2 + digits <= written.length()) {
                    long code = Long.parseLong(written.substring(i + 2, i + 2 + digits), 16);
                    if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
                        throw new ManifestException(source, line(event.getStartMark()),
                                "malformed YAML: found invalid Unicode character escape code",
                                "write the character itself, or as \\U0001F680 (YAML's 8-digit escape)");
                    }
                }
                i++;
            }
        }

        private boolean isMergeKey(ScalarEvent event) {
            return (event.getScalarStyle() == ScalarStyle.PLAIN && event.getTag().isEmpty() && event.getValue().equals("<<"))
                    || event.getTag().filter(MERGE_TAG::equals).isPresent();
        }

        private JsonNode alias(AliasEvent event) {
            String name = event.getAlias().getValue();
            JsonNode target = anchors.get(name);
            if (target == null) {
                throw new ManifestException(source, line(event.getStartMark()), "unknown anchor '" + name + "' referenced", "define &" + name + " before using *" + name);
            }
            for (Open collection : open) {
                if (collection.node == target) {
                    throw new ManifestException(source, line(event.getStartMark()), "anchor '" + name + "' refers to itself", "remove the recursive alias");
                }
            }
            count(size(target), event);
            return target.deepCopy();
        }

        private void count(long more, Event at) {
            nodes += more;
            if (nodes > limits.maxNodes()) {
                throw new ManifestException(source, line(at.getStartMark()),
                        "document expands to more than " + limits.maxNodes() + " nodes (an alias bomb?)",
                        "use fewer aliases, or split the document");
            }
        }

        private long size(JsonNode node) {
            long total = 1;
            for (JsonNode child : node) {
                total += size(child);
                if (total > limits.maxNodes()) {
                    break;
                }
            }
            return total;
        }

        /** A collection being read; mappings alternate key and value. */
        private final class Open {
            final JsonNode node;
            final CollectionStartEvent start;
            private String pendingKey;
            private int pendingKeyLine;
            private boolean pendingMerge;
            private boolean expectKey = true;
            private final Map<String, Integer> keyLines = new HashMap<>();
            private final List<JsonNode> merges = new ArrayList<>();

            Open(JsonNode node, CollectionStartEvent start) {
                this.node = node;
                this.start = start;
            }

            void add(JsonNode value, Event event, boolean mergeKey) {
                if (node instanceof ArrayNode array) {
                    array.add(value);
                    return;
                }
                int line = line(event.getStartMark());
                if (expectKey) {
                    if (!value.isValueNode() && !value.isNull()) {
                        throw new ManifestException(source, line, "a mapping key must be a scalar", "quote the key");
                    }
                    pendingMerge = mergeKey;
                    pendingKey = value.isNull() ? "null" : value.asText();
                    pendingKeyLine = line;
                    expectKey = false;
                    return;
                }
                expectKey = true;
                if (pendingMerge) {
                    merges.add(value);
                    return;
                }
                Integer first = keyLines.putIfAbsent(pendingKey, pendingKeyLine);
                if (first != null && !goYamlV2) {
                    throw new ManifestException(source, pendingKeyLine,
                            "mapping key \"" + pendingKey + "\" already defined at line " + first, "remove one of the two");
                }
                ((ObjectNode) node).set(pendingKey, value);
            }

            /** YAML merge keys: explicit keys win, then earlier merge sources win over later ones. */
            void applyMerges(ObjectNode object) {
                for (JsonNode merge : merges) {
                    List<JsonNode> sources = new ArrayList<>();
                    if (merge.isArray()) {
                        merge.forEach(sources::add);
                    } else {
                        sources.add(merge);
                    }
                    for (JsonNode from : sources) {
                        if (!from.isObject()) {
                            throw new ManifestException(source, line(start.getStartMark()),
                                    "map merge requires a mapping or a list of mappings", null);
                        }
                        from.properties().forEach(e -> {
                            if (!object.has(e.getKey())) {
                                object.set(e.getKey(), e.getValue().deepCopy());
                            }
                        });
                    }
                }
            }
        }
    }

    private static ManifestException malformed(String source, MarkedYamlEngineException e) {
        int line = line(e.getProblemMark());
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : " " + e.getContext();
        return new ManifestException(source, line, "malformed YAML:" + context + " " + problem, "fix the YAML syntax at that line", e);
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static int offset(String text, Optional<Mark> mark) {
        if (mark.isEmpty()) {
            return 0;
        }
        // Marks count code points; String offsets count UTF-16 units.
        int codePoints = mark.get().getIndex();
        return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
    }
}
