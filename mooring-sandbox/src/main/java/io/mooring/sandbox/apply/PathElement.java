package io.mooring.sandbox.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.sandbox.api.GoText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One step of a field path, as structured-merge-diff has them: a field of a map or struct, the
 * element of an associative list with these key values, the element of a set with this value, or
 * the element of an atomic list at this index. Steps are ordered (fields, keys, values, indices)
 * so that sets of paths, and their {@code fieldsV1} form, come out in the API server's order.
 */
sealed interface PathElement extends Comparable<PathElement> {
    ObjectMapper JSON = new ObjectMapper();

    /** The step as written in a {@code fieldsV1} key: {@code f:name}, {@code k:{"name":"web"}}, {@code v:"x"}, {@code i:0}. */
    String serialize();

    /** A key field of an associative list element. */
    record KeyField(String name, JsonNode value) {
        public KeyField {
            value = Values.deepCanonical(value);
        }
    }

    record Field(String name) implements PathElement {
        @Override
        public String serialize() {
            return "f:" + name;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** Key fields sorted by name. */
    record Key(List<KeyField> fields) implements PathElement {
        public Key {
            List<KeyField> sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparing(KeyField::name));
            fields = List.copyOf(sorted);
        }

        @Override
        public String serialize() {
            StringBuilder out = new StringBuilder("k:{");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(GoText.json(JSON.getNodeFactory().textNode(fields.get(i).name()))).append(':')
                        .append(GoText.json(fields.get(i).value()));
            }
            return out.append('}').toString();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            fields.forEach(f -> parts.add(f.name() + "=" + Values.human(f.value())));
            return "[" + String.join(",", parts) + "]";
        }
    }

    record SetValue(JsonNode value) implements PathElement {
        public SetValue {
            value = Values.deepCanonical(value);
        }

        @Override
        public String serialize() {
            return "v:" + GoText.json(value);
        }

        @Override
        public String toString() {
            return "[=" + Values.human(value) + "]";
        }
    }

    record Index(int index) implements PathElement {
        @Override
        public String serialize() {
            return "i:" + index;
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    @Override
    default int compareTo(PathElement other) {
        int rank = Integer.compare(rank(this), rank(other));
        if (rank != 0) {
            return rank;
        }
        return switch (this) {
            case Field f -> f.name().compareTo(((Field) other).name());
            case Key k -> compareKeys(k.fields(), ((Key) other).fields());
            case SetValue v -> Values.compare(v.value(), ((SetValue) other).value());
            case Index i -> Integer.compare(i.index(), ((Index) other).index());
        };
    }

    private static int rank(PathElement element) {
        return switch (element) {
            case Field f -> 0;
            case Key k -> 1;
            case SetValue v -> 2;
            case Index i -> 3;
        };
    }

    private static int compareKeys(List<KeyField> a, List<KeyField> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).name().compareTo(b.get(i).name());
            if (c == 0) {
                c = Values.compare(a.get(i).value(), b.get(i).value());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The step a {@code fieldsV1} key names, or null for a kind of step this version does not know (skipped, as upstream does). */
    static PathElement parse(String serialized) {
        if (serialized.length() < 2 || serialized.charAt(1) != ':') {
            throw new IllegalArgumentException("not a path element: " + serialized);
        }
        String content = serialized.substring(2);
        try {
            return switch (serialized.charAt(0)) {
                case 'f' -> new Field(content);
                case 'v' -> new SetValue(JSON.readTree(content));
                case 'i' -> new Index(Integer.parseInt(content));
                case 'k' -> {
                    JsonNode object = JSON.readTree(content);
                    if (!object.isObject()) {
                        throw new IllegalArgumentException("not a key: " + serialized);
                    }
                    List<KeyField> fields = new ArrayList<>();
                    object.properties().forEach(e -> fields.add(new KeyField(e.getKey(), e.getValue())));
                    yield new Key(fields);
                }
                default -> null;
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalArgumentException("not a path element: " + serialized, e);
        }
    }
}
