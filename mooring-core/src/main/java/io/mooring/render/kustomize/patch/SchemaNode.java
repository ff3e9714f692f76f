package io.mooring.render.kustomize.patch;

import java.util.List;
import java.util.Map;

/**
 * One OpenAPI schema, reduced to what strategic merge reads: its type, a reference to a named
 * definition, the schema of array items and of map values, its properties, and the patch
 * extensions.
 *
 * @param type                 the OpenAPI {@code type} ("" when absent)
 * @param ref                  the definition this schema refers to, or null; a reference replaces
 *                             everything else, as in kyaml
 * @param items                the schema of array elements, or null
 * @param additionalProperties the schema of map values, or null
 * @param properties           named fields, in name order
 * @param patchStrategy        {@code x-kubernetes-patch-strategy} ("" when absent)
 * @param mergeKeys            the merge keys kyaml uses: {@code x-kubernetes-list-map-keys} when
 *                             present, else {@code x-kubernetes-patch-merge-key}; empty without a
 *                             patch strategy
 */
record SchemaNode(String type, String ref, SchemaNode items, SchemaNode additionalProperties,
                  Map<String, SchemaNode> properties, String patchStrategy, List<String> mergeKeys) {

    static SchemaNode reference(String definition) {
        return new SchemaNode("", definition, null, null, Map.of(), "", List.of());
    }
}
