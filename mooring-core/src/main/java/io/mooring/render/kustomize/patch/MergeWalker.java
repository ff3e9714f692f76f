package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlNull;

import java.util.TreeSet;

/**
 * kyaml's merge2 walker: walks a resource ("dest") and a patch ("origin") side by side and merges
 * the patch in, editing the resource in place. A walk returns the merged value, or null when the
 * field is to be cleared.
 *
 * <ul>
 *   <li>Maps merge key by key, visiting the union of keys in sorted order; a key only in the patch
 *       is appended. {@code null} in the patch clears; {@code $patch: delete} clears,
 *       {@code $patch: replace} takes the patch's map.</li>
 *   <li>Lists whose schema has a {@code merge} patch strategy merge element-wise (see
 *       {@link AssociativeList}); every other list, including any list without a schema (custom
 *       resources), is replaced by the patch's list as written.</li>
 *   <li>Scalars: the patch's value wins.</li>
 * </ul>
 * Other directives ({@code $retainKeys}, {@code $setElementOrder/...},
 * {@code $deleteFromPrimitiveList/...}) are not directives to kyaml: they merge as ordinary keys.
 */
final class MergeWalker {
    /**
     * A null kept from the resource: kustomize keeps an explicit {@code key: null} (or {@code ~})
     * of the resource that the patch does not touch, while other nulls clear their key.
     */
    static final class KeptNull extends NullNode {
        private static final long serialVersionUID = 1L;
        private final String spelling;

        KeptNull(String spelling) {
            this.spelling = spelling;
        }
    }

    private final KubernetesSchema registry;
    private final AssociativeList lists = new AssociativeList(this);

    MergeWalker(KubernetesSchema registry) {
        this.registry = registry;
    }

    JsonNode walk(JsonNode dest, JsonNode origin, FieldSchema schema, String path) {
        FieldSchema at = schema != null ? schema : schemaOfResource(dest, origin);
        JsonNode first = !YamlNodes.isMissingOrNull(dest) ? dest : !YamlNodes.isMissingOrNull(origin) ? origin : null;
        if (first == null) {
            return walkMap(dest, origin, at, path);
        }
        requireKind(first, dest, path);
        requireKind(first, origin, path);
        if (first.isObject()) {
            return walkMap(dest, origin, at, path);
        }
        if (first.isArray()) {
            return at != null && at.mergesElements()
                    ? lists.merge(dest, origin, at, path)
                    : (origin != null ? origin : dest);
        }
        return origin != null ? origin : dest;
    }

    // Where the walk has no schema, kyaml looks one up from the node's own apiVersion and kind.
    private FieldSchema schemaOfResource(JsonNode dest, JsonNode origin) {
        for (JsonNode source : new JsonNode[] {dest, origin}) {
            if (YamlNodes.isMissingOrNull(source) || !source.isObject()) {
                continue;
            }
            String apiVersion = metaText(source.get("apiVersion"));
            String kind = metaText(source.get("kind"));
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                continue;
            }
            FieldSchema found = registry.resource(apiVersion, kind).orElse(null);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String metaText(JsonNode node) {
        return YamlNodes.isNilOrEmpty(node) ? "" : YamlNodes.text(node);
    }

    private static void requireKind(JsonNode first, JsonNode source, String path) {
        if (!YamlNodes.isMissingOrNull(source) && source.getNodeType() != first.getNodeType()
                && (source.isContainerNode() || first.isContainerNode())) {
            throw YamlNodes.wrongKind(path, YamlNodes.kind(first), source);
        }
    }

    private JsonNode walkMap(JsonNode dest, JsonNode origin, FieldSchema schema, String path) {
        JsonNode target = visitMap(dest, origin, path);
        if (target == null) {
            return null;
        }
        TreeSet<String> keys = new TreeSet<>();
        if (target.isObject()) {
            target.fieldNames().forEachRemaining(keys::add);
        }
        if (origin != null && origin.isObject()) {
            origin.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : keys) {
            FieldSchema field = schema == null ? null : schema.field(key).orElse(null);
            JsonNode value = walk(target.get(key), origin == null ? null : origin.get(key), field, join(path, key));
            set((ObjectNode) target, key, value);
        }
        return target;
    }

    private static JsonNode visitMap(JsonNode dest, JsonNode origin, String path) {
        if (YamlNodes.isMissingOrNull(dest)) {
            if (SmpDirective.take(origin, false, path) == SmpDirective.DELETE) {
                return null;
            }
            // kustomize keeps "key: null" (or "~") of the resource where the patch is silent; it
            // drops an empty "key:".
            if (origin == null && dest instanceof NullNode written && !YamlNull.spelling(written).isEmpty()) {
                return new KeptNull(YamlNull.spelling(written));
            }
            return origin;
        }
        if (origin != null && origin.isNull()) {
            return null;
        }
        return switch (SmpDirective.take(origin, true, path)) {
            case DELETE -> null;
            case REPLACE -> origin;
            default -> dest;
        };
    }

    /** kyaml's FieldSetter: a null or cleared value removes the key; others replace it in place or append. */
    static void set(ObjectNode map, String key, JsonNode value) {
        if (value instanceof KeptNull kept) {
            map.set(key, YamlNull.of(kept.spelling));
        } else if (YamlNodes.isMissingOrNull(value)) {
            map.remove(key);
        } else {
            map.set(key, value);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
