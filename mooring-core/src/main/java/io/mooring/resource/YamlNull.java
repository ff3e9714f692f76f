package io.mooring.resource;

import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A YAML null that remembers how it was written ({@code null}, {@code ~}, {@code Null}, or nothing
 * at all); see {@link WrittenScalar}. It is a null like any other (equal to {@link NullNode#instance});
 * the spelling only matters where Go tools read a null's text as a string, as kustomize does for
 * annotations, where {@code a: ~} becomes the string "~" and {@code a:} the empty string.
 */
public final class YamlNull extends NullNode implements WrittenScalar {
    private static final long serialVersionUID = 1L;

    static final YamlNull EMPTY = new YamlNull("");
    static final YamlNull TILDE = new YamlNull("~");
    static final YamlNull LOWER = new YamlNull("null");
    static final YamlNull TITLE = new YamlNull("Null");
    static final YamlNull UPPER = new YamlNull("NULL");

    private final String spelling;

    private YamlNull(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String writtenText() {
        return spelling;
    }

    /** The text of a null as written: for a YAML null as read, its spelling; for any other null, "null". */
    public static String spelling(NullNode node) {
        return node instanceof YamlNull written ? written.spelling : "null";
    }

    /** A null written as {@code spelling} (one of YAML's null words, or "" for an empty value). */
    public static NullNode of(String spelling) {
        return switch (spelling) {
            case "" -> EMPTY;
            case "~" -> TILDE;
            case "null" -> LOWER;
            case "Null" -> TITLE;
            case "NULL" -> UPPER;
            default -> throw new IllegalArgumentException("not a YAML null: " + spelling);
        };
    }
}
