package io.mooring.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes object as a renderer produced it.
 *
 * @param object the object's data
 * @param source where it came from (a file, a chart template), for messages
 * @param line   one-based line in {@code source}, or 0 when unknown
 * @param text   how it reads for people (comments kept where the source had them)
 */
public record Manifest(ObjectNode object, String source, int line, String text) {
    public ResourceKey key() {
        return ResourceKey.of(object);
    }
}
