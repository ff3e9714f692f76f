package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of field paths as structured-merge-diff keeps them: a tree whose nodes are path elements;
 * a node is a <em>member</em> when the path to it is in the set, and has <em>children</em> when
 * longer paths through it are. Values are immutable; {@link Builder} makes them.
 */
final class FieldSet {
    static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());
    /** Path elements by their serialized form and back: every write reads and writes all managedFields, and keys recur. */
    private static final Map<String, PathElement> PARSED = new ConcurrentHashMap<>();
    private static final Map<PathElement, String> SERIALIZED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 100_000;

    private final NavigableSet<PathElement> members;
    private final NavigableMap<PathElement, FieldSet> children;

    private FieldSet(NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
        this.members = members;
        this.children = children;
    }

    /** A path as structured-merge-diff prints it: {@code .spec.containers[name="web"].image}. */
    static String toString(List<PathElement> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(out::append);
        return out.toString();
    }

    boolean isEmpty() {
        return members.isEmpty() && children.isEmpty();
    }

    NavigableSet<PathElement> members() {
        return Collections.unmodifiableNavigableSet(members);
    }

    NavigableMap<PathElement, FieldSet> children() {
        return Collections.unmodifiableNavigableMap(children);
    }

    /** The set below one element (paths through it, without it), empty when there are none. */
    FieldSet withPrefix(PathElement element) {
        return children.getOrDefault(element, EMPTY);
    }

    boolean has(List<PathElement> path) {
        FieldSet at = this;
        for (int i = 0; i < path.size() - 1; i++) {
            at = at.children.get(path.get(i));
            if (at == null) {
                return false;
            }
        }
        return !path.isEmpty() && at.members.contains(path.get(path.size() - 1));
    }

    FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.addAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
        other.children.forEach((pe, set) -> c.merge(pe, set, FieldSet::union));
        return new FieldSet(m, c);
    }

    FieldSet intersection(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.retainAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, set) -> {
            FieldSet theirs = other.children.get(pe);
            if (theirs != null) {
                FieldSet both = set.intersection(theirs);
                if (!both.isEmpty()) {
                    c.put(pe, both);
                }
            }
        });
        return new FieldSet(m, c);
    }

    /** Paths of this set not in {@code other}; a member of {@code other} does not take away paths below it. */
    FieldSet difference(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, set) -> {
            FieldSet theirs = other.children.get(pe);
            FieldSet rest = theirs == null ? set : set.difference(theirs);
            if (!rest.isEmpty()) {
                c.put(pe, rest);
            }
        });
        return new FieldSet(m, c);
    }

    /** Like {@link #difference}, but a member of {@code other} takes away everything below it too. */
    FieldSet recursiveDifference(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, set) -> {
            if (other.members.contains(pe)) {
                return;
            }
            FieldSet theirs = other.children.get(pe);
            FieldSet rest = theirs == null ? set : set.recursiveDifference(theirs);
            if (!rest.isEmpty()) {
                c.put(pe, rest);
            }
        });
        return new FieldSet(m, c);
    }

    /** Every path of the set, in structured-merge-diff's order: a node's members, then its children's paths. */
    List<List<PathElement>> paths() {
        List<List<PathElement>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<PathElement> prefix, List<List<PathElement>> out) {
        for (PathElement member : members) {
            List<PathElement> path = new ArrayList<>(prefix);
            path.add(member);
            out.add(List.copyOf(path));
        }
        children.forEach((pe, set) -> {
            prefix.add(pe);
            set.collect(prefix, out);
            prefix.remove(prefix.size() - 1);
        });
    }

    /**
     * The {@code fieldsV1} form: an object keyed by serialized path elements, in order; a node
     * that is a member and has children gets a {@code "."} key after its children.
     */
    ObjectNode toFieldsV1() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement pe : all) {
            FieldSet child = children.get(pe);
            if (child == null) {
                out.putObject(serialize(pe));
                continue;
            }
            ObjectNode nested = child.toFieldsV1();
            if (members.contains(pe)) {
                nested.putObject(".");
            }
            out.set(serialize(pe), nested);
        }
        return out;
    }

    /** Reads the {@code fieldsV1} form; keys of unknown kinds are skipped, as upstream does. */
    static FieldSet fromFieldsV1(JsonNode fields) {
        Builder builder = new Builder();
        read(fields, new ArrayList<>(), builder);
        return builder.build();
    }

    private static void read(JsonNode node, List<PathElement> prefix, Builder builder) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals(".")) {
                continue;
            }
            PathElement pe = parse(e.getKey());
            if (pe == null) {
                continue;
            }
            prefix.add(pe);
            JsonNode value = e.getValue();
            boolean hasChildren = value.isObject() && value.size() > (value.has(".") ? 1 : 0);
            if (!hasChildren || value.has(".")) {
                builder.insert(prefix);
            }
            read(value, prefix, builder);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static String serialize(PathElement element) {
        if (element instanceof PathElement.Field field) {
            return "f:" + field.name();
        }
        String known = SERIALIZED.get(element);
        if (known != null) {
            return known;
        }
        String serialized = element.serialize();
        if (SERIALIZED.size() < MAX_PARSED) {
            SERIALIZED.put(element, serialized);
        }
        return serialized;
    }

    private static PathElement parse(String serialized) {
        PathElement known = PARSED.get(serialized);
        if (known != null) {
            return known;
        }
        PathElement parsed = PathElement.parse(serialized);
        if (parsed != null && PARSED.size() < MAX_PARSED) {
            PARSED.put(serialized, parsed);
        }
        return parsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && members.equals(other.members) && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return members.hashCode() * 31 + children.hashCode();
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        paths().forEach(p -> out.add(toString(p)));
        return String.join("\n", out);
    }

    /** Collects paths into a set. */
    static final class Builder {
        private final TreeSet<PathElement> members = new TreeSet<>();
        private final TreeMap<PathElement, Builder> children = new TreeMap<>();

        Builder insert(List<PathElement> path) {
            if (path.isEmpty()) {
                return this;
            }
            Builder at = this;
            for (int i = 0; i < path.size() - 1; i++) {
                at = at.children.computeIfAbsent(path.get(i), k -> new Builder());
            }
            at.members.add(path.get(path.size() - 1));
            return this;
        }

        FieldSet build() {
            TreeMap<PathElement, FieldSet> built = new TreeMap<>();
            children.forEach((pe, b) -> {
                FieldSet child = b.build();
                if (!child.isEmpty()) {
                    built.put(pe, child);
                }
            });
            return members.isEmpty() && built.isEmpty() ? EMPTY : new FieldSet(new TreeSet<>(members), built);
        }
    }
}
