package io.mooring.resource;

/**
 * Which styles the libyaml-derived emitter of go-yaml v2 allows for a scalar's text
 * ({@code yaml_emitter_analyze_scalar}, block context only: Mooring never writes a scalar inside
 * a flow collection).
 *
 * @param multiline       the text has a line break (\n, \r, U+0085, U+2028, U+2029)
 * @param plainAllowed    it may be written without quotes in block context
 * @param singleAllowed   it may be written in single quotes
 * @param literalAllowed  it may be written as a literal block scalar
 */
record GoYamlScalarShape(boolean multiline, boolean plainAllowed, boolean singleAllowed, boolean literalAllowed) {
    private static final GoYamlScalarShape EMPTY = new GoYamlScalarShape(false, true, true, false);
    private static final String FIRST_CHARACTER_INDICATORS = "#,[]{}&*!|>'\"%@`";

    static GoYamlScalarShape of(String value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        boolean indicators = value.startsWith("---") || value.startsWith("...");
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean precededByWhitespace = true;
        int length = value.length();
        for (int i = 0; i < length; ) {
            int c = value.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean first = i == 0;
            boolean last = next >= length;
            boolean followedByWhitespace = last || isBlank(value.codePointAt(next));
            if (first) {
                if (FIRST_CHARACTER_INDICATORS.indexOf(c) >= 0) {
                    indicators = true;
                } else if (c == '?' || c == ':' || c == '-') {
                    indicators |= followedByWhitespace;
                }
            } else if (c == ':') {
                indicators |= followedByWhitespace;
            } else if (c == '#') {
                indicators |= precededByWhitespace;
            }
            if (!isPrintable(c)) {
                special = true;
            }
            if (c == ' ') {
                leadingSpace |= first;
                trailingSpace |= last;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                leadingBreak |= first;
                trailingBreak |= last;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlank(c) || isBreak(c) || c == 0;
            i = next;
        }
        boolean plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak
                || breakSpace || spaceBreak || special || lineBreaks || indicators);
        boolean single = !(breakSpace || spaceBreak || special);
        boolean literal = !(trailingSpace || spaceBreak || special);
        return new GoYamlScalarShape(lineBreaks, plain, single, literal);
    }

    /**
     * What libyaml prints without escaping: tab, CR and every character outside the Basic
     * Multilingual Plane (emoji included) are not "printable" and force double quotes.
     */
    static boolean isPrintable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    static boolean isBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }
}
