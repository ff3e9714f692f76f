package io.mooring.resource;

import java.util.Arrays;

/**
 * The output side of go-yaml v2's emitter (emitterc.go, derived from libyaml) with the settings
 * {@code yaml.Marshal} uses: indent 2, lines folded past column 80, unicode printed as is, '\n'
 * line breaks. It keeps the same state as the original (column, indentation stack, whether the
 * last thing written was whitespace or indentation), because where a line breaks or a space goes
 * depends on it; {@link GoYamlWriter} drives it the way the original's event state machine would.
 */
final class GoYamlEmitter {
    static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;

    private final StringBuilder out = new StringBuilder(256);
    private int column;
    private int indent = -1;
    private int[] indents = new int[16];
    private int depth;
    private boolean whitespace = true;
    private boolean indention = true;

    String text() {
        return out.toString();
    }

    boolean indention() {
        return indention;
    }

    /** Pushes the current indentation; flow scalars and nested blocks indent by two. */
    void increaseIndent(boolean flow, boolean indentless) {
        if (depth == indents.length) {
            indents = Arrays.copyOf(indents, depth * 2);
        }
        indents[depth++] = indent;
        if (indent < 0) {
            indent = flow ? BEST_INDENT : 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
    }

    void decreaseIndent() {
        indent = indents[--depth];
    }

    /** Starts a new line at the current indentation unless the cursor already stands there. */
    void writeIndent() {
        int target = Math.max(indent, 0);
        if (!indention || column > target || (column == target && !whitespace)) {
            putBreak();
        }
        while (column < target) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        out.append(indicator);
        column += indicator.length();
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    void writePlain(String value, boolean allowBreaks) {
        if (!whitespace) {
            put(' ');
        }
        int length = value.length();
        if (!allowBreaks || column + length <= BEST_WIDTH + 1 || value.indexOf(' ') < 0) {
            // No space can reach past column 80: nothing to fold, so copy the text in one go.
            out.append(value);
            column += value.codePointCount(0, length);
            whitespace = false;
            indention = false;
            return;
        }
        boolean spaces = false;
        for (int i = 0; i < length; ) {
            int c = value.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == ' ') {
                // Plain text never has line breaks or trailing spaces: the analysis rules them out.
                if (!spaces && column > BEST_WIDTH && (next == length || value.charAt(next) != ' ')) {
                    writeIndent();
                } else {
                    write(c);
                }
                spaces = true;
            } else {
                write(c);
                indention = false;
                spaces = false;
            }
            i = next;
        }
        whitespace = false;
        indention = false;
    }

    void writeSingleQuoted(String value, boolean allowBreaks) {
        writeIndicator("'", true, false, false);
        boolean spaces = false;
        boolean breaks = false;
        int length = value.length();
        for (int i = 0; i < length; ) {
            int c = value.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && next < length && value.charAt(next) != ' ') {
                    writeIndent();
                } else {
                    write(c);
                }
                spaces = true;
            } else if (GoYamlScalarShape.isBreak(c)) {
                if (!breaks && c == '\n') {
                    putBreak();
                }
                writeBreak(c);
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (c == '\'') {
                    put('\'');
                }
                write(c);
                indention = false;
                spaces = false;
                breaks = false;
            }
            i = next;
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    void writeDoubleQuoted(String value, boolean allowBreaks) {
        writeIndicator("\"", true, false, false);
        // libyaml checks for a byte order mark at the start of the value, not at each character,
        // so a value that starts with one is escaped from end to end.
        boolean escapeAll = !value.isEmpty() && value.charAt(0) == '\uFEFF';
        boolean spaces = false;
        int length = value.length();
        for (int i = 0; i < length; ) {
            int c = value.codePointAt(i);
            int next = i + Character.charCount(c);
            if (escapeAll || !GoYamlScalarShape.isPrintable(c) || GoYamlScalarShape.isBreak(c) || c == '"' || c == '\\') {
                writeEscape(c);
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && next < length) {
                    writeIndent();
                    if (value.charAt(next) == ' ') {
                        put('\\');
                    }
                } else {
                    write(c);
                }
                spaces = true;
            } else {
                write(c);
                spaces = false;
            }
            i = next;
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeEscape(int c) {
        put('\\');
        char shortForm = switch (c) {
            case 0x00 -> '0';
            case 0x07 -> 'a';
            case 0x08 -> 'b';
            case 0x09 -> 't';
            case 0x0A -> 'n';
            case 0x0B -> 'v';
            case 0x0C -> 'f';
            case 0x0D -> 'r';
            case 0x1B -> 'e';
            case '"' -> '"';
            case '\\' -> '\\';
            case 0x85 -> 'N';
            case 0xA0 -> '_';
            case 0x2028 -> 'L';
            case 0x2029 -> 'P';
            default -> 0;
        };
        if (shortForm != 0) {
            put(shortForm);
            return;
        }
        int digits;
        if (c <= 0xFF) {
            put('x');
            digits = 2;
        } else if (c <= 0xFFFF) {
            put('u');
            digits = 4;
        } else {
            put('U');
            digits = 8;
        }
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            put(Character.toUpperCase(Character.forDigit((c >> shift) & 0xF, 16)));
        }
    }

    void writeLiteral(String value) {
        writeIndicator("|", true, false, false);
        int first = value.codePointAt(0);
        if (first == ' ' || GoYamlScalarShape.isBreak(first)) {
            // The content's own indentation would be ambiguous: say how deep the block is.
            writeIndicator(Integer.toString(BEST_INDENT), false, false, false);
        }
        String chomp = chomping(value);
        if (!chomp.isEmpty()) {
            writeIndicator(chomp, false, false, false);
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        int length = value.length();
        for (int i = 0; i < length; ) {
            int c = value.codePointAt(i);
            if (GoYamlScalarShape.isBreak(c)) {
                writeBreak(c);
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                write(c);
                indention = false;
                breaks = false;
            }
            i += Character.charCount(c);
        }
    }

    /** "-" strips a missing final break, "" keeps one, "+" keeps several. */
    private static String chomping(String value) {
        int last = value.codePointBefore(value.length());
        if (!GoYamlScalarShape.isBreak(last)) {
            return "-";
        }
        int before = value.length() - Character.charCount(last);
        if (before == 0 || GoYamlScalarShape.isBreak(value.codePointBefore(before))) {
            return "+";
        }
        return "";
    }

    private void put(char c) {
        out.append(c);
        column++;
    }

    /** One character counts as one column, however many bytes or cells it takes. */
    private void write(int c) {
        out.appendCodePoint(c);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    /** '\n' is written as a line break; other breaks (U+2028, U+2029) as themselves. */
    private void writeBreak(int c) {
        if (c == '\n') {
            putBreak();
        } else {
            write(c);
            column = 0;
        }
    }
}
