package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints a tree exactly as {@code kustomize build} (v5.5.0) prints a resource. Kustomize marshals
 * the object to JSON with Go's encoding/json and hands that to {@code sigs.k8s.io/yaml.JSONToYAML},
 * which reads it with go-yaml v2 and marshals it again with go-yaml v2. So: keys in go-yaml v2's
 * natural order ({@link GoYamlKeyOrder}), numbers as Go re-prints them ({@link GoYamlNumbers}),
 * strings quoted by v2's YAML 1.1 rules ({@link GoYamlResolver}) and laid out by its libyaml-based
 * emitter ({@link GoYamlEmitter}): block style, two-space indentation, sequences in a mapping not
 * indented, empty collections as {@code {}} and {@code []}, long lines folded at column 80.
 */
public final class GoYamlWriter {
    /** libyaml writes a key longer than this (in UTF-8 bytes) in the explicit "? key" form. */
    private static final int SIMPLE_KEY_MAX_BYTES = 128;

    private enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL }

    private static final Pattern DOCUMENT_MARKER_AFTER_NEL = Pattern.compile("\\x{85}(---|\\.\\.\\.)[ \\x{85}]");

    private final GoYamlEmitter emitter = new GoYamlEmitter();
    /** Keys and indexes down to the node being printed, for error messages. */
    private final List<Object> path = new ArrayList<>();

    private GoYamlWriter() {
    }

    /**
     * The text of one YAML document (no {@code ---}), ending with a line break.
     *
     * @throws IllegalArgumentException for what kustomize cannot print either: NaN or infinite
     *                                  numbers (JSON has none), strings with control characters that
     *                                  go-yaml v2 refuses to read back (U+007F, U+0080..U+009F but
     *                                  U+0085, U+FFFE, U+FFFF), broken UTF-16, or nodes that are not
     *                                  plain data; the message names the path to the value
     */
    public static String write(JsonNode value) {
        GoYamlWriter writer = new GoYamlWriter();
        writer.node(value, false);
        writer.emitter.writeIndent();
        return writer.emitter.text();
    }

    private void node(JsonNode value, boolean inMapping) {
        switch (value) {
            case ObjectNode object when object.isEmpty() -> emptyFlow("{", "}");
            case ObjectNode object -> mapping(object);
            case ArrayNode array when array.isEmpty() -> emptyFlow("[", "]");
            case ArrayNode array -> sequence(array, inMapping);
            case TextNode text -> string(text.textValue());
            // encoding/json writes a []byte as standard base64, which is what Jackson gives.
            case BinaryNode binary -> string(binary.asText());
            case NullNode ignored -> token("null");
            case BooleanNode bool -> token(bool.booleanValue() ? "true" : "false");
            case NumericNode number -> token(number(number));
            default -> throw unprintable("a " + value.getNodeType() + " node is not plain data");
        }
    }

    private void mapping(ObjectNode object) {
        emitter.increaseIndent(false, false);
        for (String key : GoYamlKeyOrder.sorted(object::fieldNames, object.size())) {
            path.add(key);
            emitter.writeIndent();
            if (key.indexOf(0x85) >= 0) {
                // In Go's JSON the NEL stays raw, and go-yaml v2 refuses a line break inside a flow mapping's key.
                throw unprintable("the key contains NEL (U+0085), which kustomize cannot print; remove it");
            }
            String text = checked(key);
            GoYamlScalarShape shape = GoYamlScalarShape.of(text);
            if (!shape.multiline() && utf8Length(text) <= SIMPLE_KEY_MAX_BYTES) {
                scalar(text, shape, true);
                emitter.writeIndicator(":", false, false, false);
            } else {
                emitter.writeIndicator("?", true, false, true);
                scalar(text, shape, false);
                emitter.writeIndent();
                emitter.writeIndicator(":", true, false, true);
            }
            node(object.get(key), true);
            path.removeLast();
        }
        emitter.decreaseIndent();
    }

    private void sequence(ArrayNode array, boolean inMapping) {
        // A sequence that is a mapping's value starts at the key's column: "key:\n- a".
        emitter.increaseIndent(false, inMapping && !emitter.indention());
        for (int i = 0; i < array.size(); i++) {
            path.add(i);
            emitter.writeIndent();
            emitter.writeIndicator("-", true, false, true);
            node(array.get(i), false);
            path.removeLast();
        }
        emitter.decreaseIndent();
    }

    private void emptyFlow(String open, String close) {
        emitter.writeIndicator(open, true, true, false);
        emitter.writeIndicator(close, false, false, false);
    }

    private void string(String value) {
        String text = checked(value);
        scalar(text, GoYamlScalarShape.of(text), false);
    }

    /** A null, boolean or number: always plain, never a key, never with spaces. */
    private void token(String text) {
        emitter.increaseIndent(true, false);
        emitter.writePlain(text, true);
        emitter.decreaseIndent();
    }

    private void scalar(String text, GoYamlScalarShape shape, boolean simpleKey) {
        Style style = styleFor(text, shape, simpleKey);
        emitter.increaseIndent(true, false);
        switch (style) {
            case PLAIN -> emitter.writePlain(text, !simpleKey);
            case SINGLE_QUOTED -> emitter.writeSingleQuoted(text, !simpleKey);
            case DOUBLE_QUOTED -> emitter.writeDoubleQuoted(text, !simpleKey);
            case LITERAL -> emitter.writeLiteral(text);
        }
        emitter.decreaseIndent();
    }

    /**
     * go-yaml v2 asks for a literal block when the text has '\n', plain when it reads back as a
     * string, double quotes otherwise; the emitter then falls back to single and double quotes
     * when the text's shape does not allow the style asked for.
     */
    private static Style styleFor(String text, GoYamlScalarShape shape, boolean simpleKey) {
        Style style;
        if (text.indexOf('\n') >= 0) {
            style = Style.LITERAL;
        } else if (GoYamlResolver.mayBePlain(text)) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE_QUOTED;
        }
        if (simpleKey && shape.multiline()) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.PLAIN && (!shape.plainAllowed() || (simpleKey && text.isEmpty()))) {
            style = Style.SINGLE_QUOTED;
        }
        if (style == Style.SINGLE_QUOTED && !shape.singleAllowed()) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.LITERAL && (!shape.literalAllowed() || simpleKey)) {
            style = Style.DOUBLE_QUOTED;
        }
        return style;
    }

    private String number(NumericNode number) {
        try {
            return GoYamlNumbers.format(number);
        } catch (IllegalArgumentException e) {
            throw unprintable(e.getMessage());
        }
    }

    /**
     * The string as go-yaml v2 reads it back from Go's JSON. encoding/json leaves DEL, C1 controls
     * and U+FFFE/U+FFFF unescaped, and the reader refuses them, so kustomize fails on such a value.
     * It also leaves NEL (U+0085) unescaped, which go-yaml v2 takes for a line break inside a
     * double-quoted scalar and folds: with the spaces around it, one NEL becomes a space and n
     * NELs become n-1 line feeds.
     */
    private String checked(String value) {
        int length = value.length();
        boolean nel = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x7F) {
                continue;
            }
            nel |= c == 0x85;
            if (c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF) {
                throw unprintable(String.format("the string contains the control character U+%04X, which kustomize"
                        + " cannot print (go-yaml v2 rejects it); remove it or write it another way", (int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw unprintable("the string is not valid Unicode (an unpaired surrogate at index " + i + ")");
            }
        }
        if (nel && DOCUMENT_MARKER_AFTER_NEL.matcher(value).find()) {
            // After the NEL the reader is at the start of a line, where "---" or "..." ends the document.
            throw unprintable("a NEL (U+0085) followed by '---' or '...' reads as a document marker, so kustomize cannot print the string");
        }
        return nel ? foldNextLines(value) : value;
    }

    private static String foldNextLines(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != ' ' && c != 0x85) {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            int breaks = 0;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == 0x85)) {
                breaks += value.charAt(i) == 0x85 ? 1 : 0;
                i++;
            }
            if (breaks == 0) {
                out.append(value, start, i);
            } else {
                out.append(breaks == 1 ? " " : "\n".repeat(breaks - 1));
            }
        }
        return out.toString();
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            // A surrogate pair is one four-byte character: two bytes for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private IllegalArgumentException unprintable(String problem) {
        return new IllegalArgumentException("cannot print " + describePath() + ": " + problem);
    }

    private String describePath() {
        if (path.isEmpty()) {
            return "the document";
        }
        StringBuilder described = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                described.append('[').append(index).append(']');
            } else {
                if (!described.isEmpty()) {
                    described.append('.');
                }
                described.append(step);
            }
        }
        return described.toString();
    }
}
