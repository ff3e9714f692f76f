package io.mooring.policy.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.value.Wildcard;

import java.util.Iterator;
import java.util.Map;

/**
 * Label and annotation keys with wildcards in a pattern's {@code metadata}
 * ({@code app.kubernetes.io/*: "?*"}) stand for the resource's first key they match, so that the
 * value check applies to that key; a key that matches nothing stays as written (and then fails).
 */
final class MetadataWildcards {
    private MetadataWildcards() {
    }

    /** The pattern with wildcard keys under metadata.labels and metadata.annotations resolved; the input is not changed. */
    static ObjectNode expand(ObjectNode pattern, ObjectNode resource) {
        String metadataKey = keyFor(pattern, "metadata");
        JsonNode resourceMetadata = resource.get("metadata");
        if (metadataKey == null || !pattern.get(metadataKey).isObject() || resourceMetadata == null || !resourceMetadata.isObject()) {
            return pattern;
        }
        ObjectNode metadata = (ObjectNode) pattern.get(metadataKey);
        ObjectNode expandedMetadata = null;
        for (String tag : new String[] {"labels", "annotations"}) {
            String tagKey = keyFor(metadata, tag);
            JsonNode resourceValues = resourceMetadata.get(tag);
            if (tagKey == null || !metadata.get(tagKey).isObject() || resourceValues == null || !resourceValues.isObject()
                    || !hasWildcardKey(metadata.get(tagKey))) {
                continue;
            }
            if (expandedMetadata == null) {
                expandedMetadata = metadata.deepCopy();
            }
            expandedMetadata.set(tagKey, expandKeys((ObjectNode) metadata.get(tagKey), resourceValues));
        }
        if (expandedMetadata == null) {
            return pattern;
        }
        ObjectNode copy = pattern.deepCopy();
        copy.set(metadataKey, expandedMetadata);
        return copy;
    }

    /** The key of {@code pattern} that is {@code name} itself or {@code name} in an anchor. */
    private static String keyFor(JsonNode pattern, String name) {
        for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Anchor anchor = Anchor.parse(key);
            if (key.equals(name) || anchor != null && anchor.key().equals(name)) {
                return key;
            }
        }
        return null;
    }

    private static boolean hasWildcardKey(JsonNode values) {
        for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
            if (Wildcard.contains(it.next())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode expandKeys(ObjectNode patternValues, JsonNode resourceValues) {
        ObjectNode out = patternValues.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patternValues.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (Wildcard.contains(key)) {
                Anchor anchor = Anchor.parse(key);
                String bare = anchor == null ? key : anchor.key();
                String resolved = firstMatch(bare, resourceValues);
                key = anchor == null ? resolved : new Anchor(anchor.type(), resolved).text();
            }
            out.set(key, entry.getValue());
        }
        return out;
    }

    private static String firstMatch(String pattern, JsonNode resourceValues) {
        for (Iterator<String> it = resourceValues.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (Wildcard.match(pattern, key)) {
                return key;
            }
        }
        return pattern;
    }
}
