package io.mooring.resource;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A plain scalar that go-yaml resolves as a timestamp ({@code 2024-01-01}); see {@link WrittenScalar}.
 * It reads as the text written, like any string; it is its own node type because Go tools that decode manifests into
 * typed values (kustomize prints through JSON) turn it into a {@code time.Time}, which prints in
 * RFC 3339 form: {@code "2024-01-01T00:00:00Z"}. A quoted {@code "2024-01-01"} stays a string.
 */
public final class YamlTimestamp extends TextNode implements WrittenScalar {
    private YamlTimestamp(String text) {
        super(text);
    }

    /** The timestamp node for {@code text}, or null when go-yaml would not read it as one. */
    static YamlTimestamp parse(String text) {
        return GoYamlTimestamps.isTimestamp(text) ? new YamlTimestamp(text) : null;
    }

    @Override
    public String writtenText() {
        return textValue();
    }

    /** As Go's time.Time marshals itself to JSON. */
    public String rfc3339() {
        return GoYamlTimestamps.rfc3339(textValue());
    }
}
