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
 *                             everything else, as in kyaml (only {@code extensions.mapType} may
 *                             qualify it, as the API server's field-level override does)
 * @param items                the schema of array elements, or null
 * @param additionalProperties the schema of map values, or null
 * @param properties           named fields, in name order
 * @param patchStrategy        {@code x-kubernetes-patch-strategy} ("" when absent)
 * @param mergeKeys            the merge keys kyaml uses: {@code x-kubernetes-list-map-keys} when
 *                             present, else {@code x-kubernetes-patch-merge-key}; empty without a
 *                             patch strategy
 * @param extensions           what the API server reads besides (server-side apply's list and map
 *                             semantics, the single strategic merge key, formats)
 */
record SchemaNode(String type, String ref, SchemaNode items, SchemaNode additionalProperties,
                  Map<String, SchemaNode> properties, String patchStrategy, List<String> mergeKeys,
                  Extensions extensions) {

    static SchemaNode reference(String definition) {
        return reference(definition, Extensions.NONE);
    }

    static SchemaNode reference(String definition, Extensions extensions) {
        return new SchemaNode("", definition, null, null, Map.of(), "", List.of(), extensions);
    }

    /** This schema with other extensions. */
    SchemaNode with(Extensions other) {
        return new SchemaNode(type, ref, items, additionalProperties, properties, patchStrategy, mergeKeys, other);
    }

    /**
     * The API server's reading of a schema, kept apart from what kyaml reads so that kustomize's
     * merging cannot depend on it.
     *
     * @param format                {@code format} ("" when absent); strings with a format other
     *                              than {@code byte} are untyped scalars for server-side apply
     * @param patchMergeKey         {@code x-kubernetes-patch-merge-key}, the one key strategic merge
     *                              patch matches list elements by ("" when absent)
     * @param listType              {@code x-kubernetes-list-type}: atomic, set or map ("" when absent)
     * @param listMapKeys           {@code x-kubernetes-list-map-keys}
     * @param mapType               {@code x-kubernetes-map-type}: atomic or granular ("" when absent)
     * @param preserveUnknownFields {@code x-kubernetes-preserve-unknown-fields: true}
     * @param embeddedResource      {@code x-kubernetes-embedded-resource: true} (apiVersion, kind and
     *                              metadata are implied)
     * @param anyValues             {@code additionalProperties: true}: values of any type
     * @param referenceStrategy     on a reference only: its {@code x-kubernetes-patch-strategy}
     *                              (kyaml ignores it; the API server's strategic merge reads it)
     */
    record Extensions(String format, String patchMergeKey, String listType, List<String> listMapKeys, String mapType,
                      boolean preserveUnknownFields, boolean embeddedResource, boolean anyValues, String referenceStrategy) {
        static final Extensions NONE = new Extensions("", "", "", List.of(), "", false, false, false, "");

        static Extensions format(String format) {
            return format.isEmpty() ? NONE : new Extensions(format, "", "", List.of(), "", false, false, false, "");
        }
    }
}
