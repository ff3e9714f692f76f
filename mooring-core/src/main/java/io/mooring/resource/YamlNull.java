package io.mooring.resource;

import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A null written as {@code null}, {@code ~}, {@code Null} or {@code NULL}. It is a null like any
 * other; it keeps its text because Go tools that read a scalar's text keep it too: kustomize
 * rewrites annotations as strings and so turns {@code a: ~} into {@code a: "~"}.
 */
public final class YamlNull extends NullNode {
    private final String text;

    private YamlNull(String text) {
        this.text = text;
    }

    static YamlNull of(String text) {
        return new YamlNull(text);
    }

    /** The null as it was written. */
    public String text() {
        return text;
    }
}
