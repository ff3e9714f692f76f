package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of a YAML stream.
 *
 * @param value  the document's data (a {@code NullNode} for an empty document)
 * @param source where it was read from, for messages
 * @param line   one-based line where the document starts
 * @param text   the document's text as written, comments included
 */
public record YamlDocument(JsonNode value, String source, int line, String text) {
    public boolean isEmpty() {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
