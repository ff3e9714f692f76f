package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The dotted paths of kustomize's replacements, walked as kyaml walks them. A path is split at dots
 * ({@code \.} escapes one; a bracketed part keeps its dots); each part is a field, a list index
 * ({@code 0}), every list element ({@code *}) or the list elements whose field matches a regular
 * expression ({@code [name=web]}, which is not anchored: it also selects "webhook").
 * <p>
 * Targets are found by {@link #match}, which can create what is missing. A source is read by
 * {@link #lookup}, which matches list elements exactly.
 */
final class PathMatcher {
    /** The kind of node a created leaf is: a scalar, or the kind of the value being copied. */
    enum Leaf { SCALAR, MAP, SEQUENCE }

    /** A place a target path reached; {@code created} when it did not exist (an untyped scalar then). */
    record Target(FieldPaths.Slot slot, boolean created) {
    }

    private PathMatcher() {
    }

    /**
     * kyaml's SmarterPathSplitter: split at unescaped dots, glue a bracketed part back together;
     * a glued part keeps its brackets when it holds '=' (a list element selector) and loses them
     * otherwise ({@code [a.b/c]} is the key "a.b/c").
     */
    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String piece : path.split("\\.", -1)) {
            int last = parts.size() - 1;
            if (last >= 0 && parts.get(last).endsWith("\\")) {
                String previous = parts.get(last);
                parts.set(last, previous.substring(0, previous.length() - 1) + "." + piece);
            } else {
                parts.add(piece);
            }
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (!part.startsWith("[") || part.endsWith("]")) {
                result.add(part);
                continue;
            }
            StringBuilder bracketed = new StringBuilder(part);
            while (i < parts.size() - 1) {
                i++;
                bracketed.append('.').append(parts.get(i));
                if (parts.get(i).endsWith("]")) {
                    break;
                }
            }
            String joined = bracketed.toString();
            result.add(joined.contains("=") ? joined : trimBrackets(joined));
        }
        return result;
    }

    private static String trimBrackets(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == '[' || text.charAt(start) == ']')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == '[' || text.charAt(end - 1) == ']')) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * The fields a target path reaches, creating missing ones when {@code leaf} is given: maps and
     * lists along the way, an element {@code {name: web}} for an unmatched {@code [name=web]}, an
     * element at index {@code size} of a list.
     *
     * @param leaf what a missing last field becomes, or null to create nothing
     */
    static List<Target> match(ObjectNode root, List<String> path, Leaf leaf) {
        List<Target> found = new ArrayList<>();
        walk(FieldPaths.rootSlot(root), false, clean(path), 0, leaf, found);
        return found;
    }

    private static void walk(FieldPaths.Slot slot, boolean created, List<String> path, int index, Leaf leaf,
                             List<Target> found) {
        if (index == path.size()) {
            found.add(new Target(slot, created));
            return;
        }
        JsonNode node = slot.get();
        String part = path.get(index);
        if (isIndex(part)) {
            walkIndex(elements(node, part), Integer.parseInt(part), path, index, leaf, found);
        } else if (isListSelector(part)) {
            walkSelected(elements(node, part), part, path, index, leaf, found);
        } else if (part.equals("*")) {
            ArrayNode list = elements(node, part);
            for (int i = 0; i < list.size(); i++) {
                walk(FieldPaths.elementSlot(list, i), false, path, index + 1, leaf, found);
            }
        } else {
            walkField(node, part, path, index, leaf, found);
        }
    }

    private static void walkField(JsonNode node, String name, List<String> path, int index, Leaf leaf, List<Target> found) {
        if (node == null || node.isNull()) {
            if (leaf != null) {
                // kyaml adds the field to the null node, where it never shows: the value goes nowhere.
                ObjectNode detached = JsonNodeFactory.instance.objectNode();
                detached.set(name, newNode(path, index + 1, leaf));
                walk(FieldPaths.fieldSlot(detached, name), true, path, index + 1, leaf, found);
            }
            return;
        }
        if (!(node instanceof ObjectNode map)) {
            throw wrongKind("MappingNode", node);
        }
        boolean created = false;
        if (!map.has(name)) {
            if (leaf == null) {
                return;
            }
            map.set(name, newNode(path, index + 1, leaf));
            created = true;
        }
        walk(FieldPaths.fieldSlot(map, name), created, path, index + 1, leaf, found);
    }

    private static void walkIndex(ArrayNode list, int position, List<String> path, int index, Leaf leaf, List<Target> found) {
        boolean created = false;
        if (position == list.size() && leaf != null) {
            list.add(newNode(path, index + 1, leaf));
            created = true;
        }
        if (position >= list.size()) {
            throw new KustomizeException("index " + position + " specified but only " + list.size() + " elements found");
        }
        walk(FieldPaths.elementSlot(list, position), created, path, index + 1, leaf, found);
    }

    /** {@code [field=regex]}, or {@code [=regex]} for a list of scalars; creates {@code {field: value}} when none matches. */
    private static void walkSelected(ArrayNode list, String part, List<String> path, int index, Leaf leaf, List<Target> found) {
        ListSelector selector = ListSelector.of(part);
        String field = selector.field();
        String value = selector.value();
        Pattern pattern;
        try {
            pattern = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new KustomizeException("error parsing regexp: " + e.getDescription() + ": `" + value + "`");
        }
        boolean any = false;
        for (int i = 0; i < list.size(); i++) {
            JsonNode compared = selector.compared(list.get(i));
            if (compared != null && pattern.matcher(Scalars.nodeText(compared).strip()).find()) {
                any = true;
                walk(FieldPaths.elementSlot(list, i), false, path, index + 1, leaf, found);
            }
        }
        if (!any && leaf != null) {
            // The new element's value is untyped, so it prints as YAML reads it: [name=7] makes name: 7.
            JsonNode typed = new ScalarRetyping.Untagged(value);
            if (field.isEmpty()) {
                list.add(typed);
            } else {
                list.addObject().set(field, typed);
            }
            walkSelected(list, part, path, index, leaf, found);
        }
    }

    /** A list path element {@code [field=value]}; {@code [=value]} compares the elements themselves. */
    private record ListSelector(String field, String value) {
        static ListSelector of(String part) {
            String inner = part.substring(1, part.length() - 1);
            int equals = inner.indexOf('=');
            if (equals < 0) {
                throw new KustomizeException("list path element must contain fieldName=fieldValue for element to match");
            }
            return new ListSelector(inner.substring(0, equals), inner.substring(equals + 1));
        }

        /** What an element is compared by: itself, or its field (none when it is not a map). */
        JsonNode compared(JsonNode element) {
            return field.isEmpty() ? element : element.isObject() ? element.get(field) : null;
        }
    }

    private static ArrayNode elements(JsonNode node, String part) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!(node instanceof ArrayNode list)) {
            throw wrongKind("SequenceNode", node);
        }
        return list;
    }

    /** What a missing part becomes: a list before an index or a selector, the leaf kind at the end, else a map. */
    private static JsonNode newNode(List<String> path, int next, Leaf leaf) {
        if (next == path.size()) {
            return switch (leaf) {
                case SCALAR -> JsonNodeFactory.instance.textNode("");
                case MAP -> JsonNodeFactory.instance.objectNode();
                case SEQUENCE -> JsonNodeFactory.instance.arrayNode();
            };
        }
        String part = path.get(next);
        return isListSelector(part) || isIndex(part) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
    }

    /**
     * The value at a source path (kyaml's PathGetter), or null when a part is missing: list elements
     * by index, by {@code -} (the last), or by an exact {@code [field=value]}.
     */
    static JsonNode lookup(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String part : clean(path)) {
            node = lookupPart(node, part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode lookupPart(JsonNode node, String part) {
        Integer position = goAtoi(part);
        if (position != null) {
            if (position < 0) {
                throw new KustomizeException("array index " + position + " cannot be negative");
            }
            ArrayNode list = elements(node, part);
            return position < list.size() ? list.get(position) : null;
        }
        if (part.equals("-")) {
            ArrayNode list = elements(node, part);
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }
        if (isListSelector(part)) {
            ListSelector selector = ListSelector.of(part);
            for (JsonNode element : elements(node, part)) {
                JsonNode compared = selector.compared(element);
                if (compared != null && compared.isValueNode() && Scalars.nodeText(compared).equals(selector.value())) {
                    return element;
                }
            }
            return null;
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongKind("MappingNode", node);
        }
        return node.get(part);
    }

    /** kyaml drops blank parts and trims the others. */
    private static List<String> clean(List<String> path) {
        return path.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean isIndex(String part) {
        Integer value = goAtoi(part);
        return value != null && value >= 0;
    }

    private static boolean isListSelector(String part) {
        return part.startsWith("[") && part.endsWith("]");
    }

    /** Go's strconv.Atoi: an optional sign and decimal digits. */
    private static Integer goAtoi(String part) {
        if (!part.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(part.startsWith("+") ? part.substring(1) : part);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static KustomizeException wrongKind(String expected, JsonNode actual) {
        String kind = actual.isObject() ? "MappingNode" : actual.isArray() ? "SequenceNode" : "ScalarNode";
        return new KustomizeException("wrong node kind: expected " + expected + " but got " + kind);
    }
}
