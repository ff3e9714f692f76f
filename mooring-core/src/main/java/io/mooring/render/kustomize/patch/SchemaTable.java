package io.mooring.render.kustomize.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of a {@link KubernetesSchema}: one tab-separated line per kind, per definition and
 * per definition field, sorted, so that a regenerated table diffs line by line.
 *
 * <pre>
 * kind   apiVersion  kind  definition  scope                  (definition or scope - when unknown)
 * def    definition  shape  [extension...]                    (the definition's own type, without fields)
 * field  definition  name  shape  strategy  keys  [extension...]  (strategy and keys: - when absent)
 * </pre>
 *
 * A shape is {@code @Definition} for a reference, otherwise a type ({@code -} when absent), with
 * {@code /format} when the schema has a format, followed by {@code [items]} and/or
 * {@code {values}}: {@code array[@io.k8s.api.core.v1.Container]}, {@code object{string}},
 * {@code string/date-time}.
 *
 * <p>Extensions are what the API server reads besides kyaml's strategy and keys, one cell each and
 * only when present, so a table without them (kustomize's) has none: {@code list=map},
 * {@code listKeys=containerPort,protocol}, {@code mergeKey=containerPort}, {@code map=atomic},
 * {@code preserveUnknown}, {@code embedded}, {@code anyValues}. On a reference field, the
 * strategy column holds the reference's own strategy, which only the API server reads.
 */
final class SchemaTable {
    private static final String NONE = "-";

    /** A kind's definition and, when the source says, whether it is namespaced. */
    record Kind(String definition, Boolean namespaced) {
    }

    /** A parsed table. Kinds are keyed by {@code apiVersion + " " + kind}. */
    record Contents(Map<String, SchemaNode> definitions, Map<String, Kind> kinds) {
    }

    private SchemaTable() {
    }

    static String kindKey(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    static String format(String header, Contents contents) {
        StringBuilder out = new StringBuilder();
        header.lines().forEach(line -> out.append("# ").append(line).append('\n'));
        new TreeMap<>(contents.kinds()).forEach((key, kind) -> {
            String[] gvk = key.split(" ", 2);
            String scope = kind.namespaced() == null ? NONE : kind.namespaced() ? "Namespaced" : "Cluster";
            line(out, "kind", gvk[0], gvk[1], kind.definition().isEmpty() ? NONE : kind.definition(), scope);
        });
        new TreeMap<>(contents.definitions()).forEach((name, definition) -> {
            List<String> def = new ArrayList<>(List.of("def", name, shape(definition)));
            def.addAll(extensionCells(definition.extensions()));
            line(out, def.toArray(String[]::new));
            definition.properties().forEach((field, schema) -> {
                String strategy = schema.ref() != null ? schema.extensions().referenceStrategy() : schema.patchStrategy();
                List<String> cells = new ArrayList<>(List.of("field", name, field, shape(schema),
                        strategy.isEmpty() ? NONE : strategy,
                        schema.mergeKeys().isEmpty() ? NONE : String.join(",", schema.mergeKeys())));
                cells.addAll(extensionCells(schema.extensions()));
                line(out, cells.toArray(String[]::new));
            });
        });
        return out.toString();
    }

    // The format is part of the shape; the other extensions are cells.
    private static List<String> extensionCells(SchemaNode.Extensions ext) {
        List<String> cells = new ArrayList<>();
        if (!ext.listType().isEmpty()) {
            cells.add("list=" + ext.listType());
        }
        if (!ext.listMapKeys().isEmpty()) {
            cells.add("listKeys=" + String.join(",", ext.listMapKeys()));
        }
        if (!ext.patchMergeKey().isEmpty()) {
            cells.add("mergeKey=" + ext.patchMergeKey());
        }
        if (!ext.mapType().isEmpty()) {
            cells.add("map=" + ext.mapType());
        }
        if (ext.preserveUnknownFields()) {
            cells.add("preserveUnknown");
        }
        if (ext.embeddedResource()) {
            cells.add("embedded");
        }
        if (ext.anyValues()) {
            cells.add("anyValues");
        }
        return cells;
    }

    private static SchemaNode.Extensions withReferenceStrategy(SchemaNode.Extensions e, String strategy) {
        return new SchemaNode.Extensions(e.format(), e.patchMergeKey(), e.listType(), e.listMapKeys(), e.mapType(),
                e.preserveUnknownFields(), e.embeddedResource(), e.anyValues(), strategy);
    }

    private static SchemaNode.Extensions readExtensions(String format, String[] cells, int from, int number) {
        String listType = "";
        List<String> listKeys = List.of();
        String mergeKey = "";
        String mapType = "";
        boolean preserveUnknown = false;
        boolean embedded = false;
        boolean anyValues = false;
        for (int i = from; i < cells.length; i++) {
            String cell = cells[i];
            int eq = cell.indexOf('=');
            String key = eq < 0 ? cell : cell.substring(0, eq);
            String value = eq < 0 ? "" : cell.substring(eq + 1);
            switch (key) {
                case "list" -> listType = value;
                case "listKeys" -> listKeys = List.of(value.split(","));
                case "mergeKey" -> mergeKey = value;
                case "map" -> mapType = value;
                case "preserveUnknown" -> preserveUnknown = true;
                case "embedded" -> embedded = true;
                case "anyValues" -> anyValues = true;
                default -> throw new IllegalArgumentException("schema table line " + number + ": unknown extension " + cell);
            }
        }
        return new SchemaNode.Extensions(format, mergeKey, listType, listKeys, mapType, preserveUnknown, embedded, anyValues, "");
    }

    static Contents parse(String text) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        Map<String, SchemaNode> shapes = new LinkedHashMap<>();
        Map<String, Map<String, SchemaNode>> fields = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            switch (cells[0]) {
                case "kind" -> kinds.put(kindKey(cells[1], cells[2]), new Kind(NONE.equals(cells[3]) ? "" : cells[3], switch (cells[4]) {
                    case "Namespaced" -> Boolean.TRUE;
                    case "Cluster" -> Boolean.FALSE;
                    default -> null;
                }));
                case "def" -> {
                    SchemaNode shape = new ShapeReader(cells[2]).read();
                    shapes.put(cells[1], shape.with(readExtensions(shape.extensions().format(), cells, 3, number)));
                }
                case "field" -> {
                    SchemaNode shape = new ShapeReader(cells[3]).read();
                    String strategy = NONE.equals(cells[4]) ? "" : cells[4];
                    List<String> keys = NONE.equals(cells[5]) ? List.of() : List.of(cells[5].split(","));
                    SchemaNode.Extensions extensions = readExtensions(shape.extensions().format(), cells, 6, number);
                    fields.computeIfAbsent(cells[1], k -> new TreeMap<>()).put(cells[2], shape.ref() != null
                            ? SchemaNode.reference(shape.ref(), withReferenceStrategy(extensions, strategy))
                            : new SchemaNode(shape.type(), null, shape.items(), shape.additionalProperties(), Map.of(), strategy, keys,
                            extensions));
                }
                default -> throw new IllegalArgumentException("schema table line " + number + ": unknown record " + cells[0]);
            }
        }
        Map<String, SchemaNode> definitions = new TreeMap<>();
        shapes.forEach((name, shape) -> definitions.put(name, new SchemaNode(shape.type(), null, shape.items(),
                shape.additionalProperties(), fields.getOrDefault(name, Map.of()), "", List.of(), shape.extensions())));
        return new Contents(definitions, kinds);
    }

    private static void line(StringBuilder out, String... cells) {
        out.append(String.join("\t", cells)).append('\n');
    }

    // Nested shapes carry no fields or patch extensions in the Kubernetes definitions; the
    // generator fails rather than drop something that matters.
    private static String shape(SchemaNode node) {
        if (node.ref() != null) {
            return "@" + node.ref();
        }
        StringBuilder out = new StringBuilder(node.type().isEmpty() ? NONE : node.type());
        if (!node.extensions().format().isEmpty()) {
            out.append('/').append(node.extensions().format());
        }
        if (node.items() != null) {
            out.append('[').append(nested(node.items())).append(']');
        }
        if (node.additionalProperties() != null) {
            out.append('{').append(nested(node.additionalProperties())).append('}');
        }
        return out.toString();
    }

    private static String nested(SchemaNode node) {
        if (!node.properties().isEmpty() || !node.patchStrategy().isEmpty()
                || !node.extensions().equals(SchemaNode.Extensions.format(node.extensions().format()))) {
            throw new IllegalStateException("inline schema with fields or a patch strategy cannot be written: " + node);
        }
        return shape(node);
    }

    /** Reads one shape, recursively. */
    private static final class ShapeReader {
        private final String text;
        private int at;

        ShapeReader(String text) {
            this.text = text;
        }

        SchemaNode read() {
            SchemaNode node = next();
            if (at != text.length()) {
                throw new IllegalArgumentException("bad schema shape: " + text);
            }
            return node;
        }

        private SchemaNode next() {
            if (text.startsWith("@", at)) {
                int end = at + 1;
                while (end < text.length() && "[]{}".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                String name = text.substring(at + 1, end);
                at = end;
                return SchemaNode.reference(name);
            }
            int end = at;
            while (end < text.length() && "[]{}".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String token = text.substring(at, end);
            at = end;
            int slash = token.indexOf('/');
            String type = slash < 0 ? token : token.substring(0, slash);
            String format = slash < 0 ? "" : token.substring(slash + 1);
            SchemaNode items = null;
            SchemaNode values = null;
            if (text.startsWith("[", at)) {
                at++;
                items = next();
                expect(']');
            }
            if (text.startsWith("{", at)) {
                at++;
                values = next();
                expect('}');
            }
            return new SchemaNode(NONE.equals(type) ? "" : type, null, items, values, Map.of(), "", List.of(),
                    SchemaNode.Extensions.format(format));
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw new IllegalArgumentException("bad schema shape: " + text);
            }
            at++;
        }
    }
}
