package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a kustomization file as kustomize v5.5.0 decodes it: YAML turned into JSON, then
 * decoded into its Go types with unknown fields refused. That means field names match regardless
 * of case (at every level), a number is not a string ({@code newTag: 1.20} fails), and a value of
 * the wrong kind fails with Go's message, which this reproduces. Generator arguments are left to
 * the generator package.
 */
final class KustomizationSchema {
    /** A Go type a JSON value is decoded into. */
    sealed interface GoType permits Scalar, ListOf, MapOf, Struct, Opaque {
        /** As Go prints the type in an unmarshalling error. */
        String goName();
    }

    /** string, bool or an integer type. */
    record Scalar(String goName) implements GoType {
    }

    record ListOf(GoType element, String goName) implements GoType {
    }

    record MapOf(GoType value, String goName) implements GoType {
    }

    /** A struct: its JSON field names in declaration order, and the type name Go prints. */
    record Struct(String name, String goName, Map<String, GoType> fields) implements GoType {
    }

    /** Decoded elsewhere; only the field name is checked. */
    record Opaque(String goName) implements GoType {
    }

    static final Scalar STRING = new Scalar("string");
    static final Scalar BOOL = new Scalar("bool");
    static final ListOf STRINGS = new ListOf(STRING, "[]string");
    static final MapOf STRING_MAP = new MapOf(STRING, "map[string]string");

    static final Struct OBJECT_META = struct("ObjectMeta", "types.ObjectMeta", "name", STRING, "namespace", STRING,
            "labels", STRING_MAP, "annotations", STRING_MAP);
    static final Struct FIELD_SPEC = struct("FieldSpec", "types.FieldSpec",
            "group", STRING, "version", STRING, "kind", STRING, "path", STRING, "create", BOOL);
    static final Struct SELECTOR = struct("Selector", "types.Selector",
            "group", STRING, "version", STRING, "kind", STRING, "name", STRING, "namespace", STRING,
            "annotationSelector", STRING, "labelSelector", STRING);
    static final Struct PATCH = struct("Patch", "types.Patch",
            "path", STRING, "patch", STRING, "target", SELECTOR, "options", new MapOf(BOOL, "map[string]bool"));
    static final Struct IMAGE = struct("Image", "types.Image",
            "name", STRING, "newName", STRING, "tagSuffix", STRING, "newTag", STRING, "digest", STRING);
    static final Struct FIELD_OPTIONS = struct("FieldOptions", "types.FieldOptions",
            "delimiter", STRING, "index", new Scalar("int"), "encoding", STRING, "create", BOOL);
    static final Struct REPLACEMENT = struct("ReplacementField", "types.ReplacementField",
            "source", struct("SourceSelector", "types.SourceSelector", "group", STRING, "version", STRING, "kind", STRING,
                    "name", STRING, "namespace", STRING, "fieldPath", STRING, "options", FIELD_OPTIONS),
            "targets", new ListOf(struct("TargetSelector", "types.TargetSelector", "select", SELECTOR,
                    "reject", new ListOf(SELECTOR, "[]*types.Selector"), "fieldPaths", STRINGS, "options", FIELD_OPTIONS),
                    "[]*types.TargetSelector"),
            "path", STRING);
    static final Struct VAR = struct("Var", "types.Var",
            "name", STRING,
            "objref", struct("Target", "types.Target", "apiVersion", STRING, "group", STRING, "version", STRING,
                    "kind", STRING, "name", STRING, "namespace", STRING),
            "fieldref", struct("FieldSelector", "types.FieldSelector", "fieldPath", STRING));

    static final Struct KUSTOMIZATION = struct("Kustomization", "types.Kustomization",
            "apiVersion", STRING, "kind", STRING,
            "metadata", OBJECT_META,
            "openapi", STRING_MAP,
            "namePrefix", STRING, "nameSuffix", STRING, "namespace", STRING,
            "commonLabels", STRING_MAP,
            "labels", new ListOf(struct("Label", "types.Label", "pairs", STRING_MAP, "includeSelectors", BOOL,
                    "includeTemplates", BOOL, "fields", new ListOf(FIELD_SPEC, "[]types.FieldSpec")), "[]types.Label"),
            "commonAnnotations", STRING_MAP,
            "patchesStrategicMerge", new ListOf(new Scalar("types.PatchStrategicMerge"), "[]types.PatchStrategicMerge"),
            "patchesJson6902", new ListOf(PATCH, "[]types.Patch"),
            "patches", new ListOf(PATCH, "[]types.Patch"),
            "images", new ListOf(IMAGE, "[]types.Image"),
            "imageTags", new ListOf(IMAGE, "[]types.Image"),
            "replacements", new ListOf(REPLACEMENT, "[]types.ReplacementField"),
            "replicas", new ListOf(struct("Replica", "types.Replica", "name", STRING, "count", new Scalar("int64")),
                    "[]types.Replica"),
            "vars", new ListOf(VAR, "[]types.Var"),
            "sortOptions", struct("SortOptions", "types.SortOptions", "order", new Scalar("types.SortOrder"),
                    "legacySortOptions", struct("LegacySortOptions", "types.LegacySortOptions",
                            "orderFirst", STRINGS, "orderLast", STRINGS)),
            "resources", STRINGS, "components", STRINGS, "crds", STRINGS, "bases", STRINGS,
            "configMapGenerator", new Opaque("[]types.ConfigMapArgs"),
            "secretGenerator", new Opaque("[]types.SecretArgs"),
            "helmGlobals", new Opaque("types.HelmGlobals"),
            "helmCharts", new Opaque("[]types.HelmChart"),
            "helmChartInflationGenerator", new Opaque("[]types.HelmChartArgs"),
            "generatorOptions", new Opaque("types.GeneratorOptions"),
            "configurations", STRINGS, "generators", STRINGS, "transformers", STRINGS, "validators", STRINGS,
            "buildMetadata", STRINGS);

    private KustomizationSchema() {
    }

    /**
     * The content with every known field under its declared name.
     *
     * @throws KustomizeException with Go's message for the first problem, in the order Go meets them
     */
    static ObjectNode normalize(String source, JsonNode content) {
        if (content.isNull() || content.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        Decoder decoder = new Decoder(false);
        JsonNode result = decoder.decode(content, KUSTOMIZATION, null, "");
        if (decoder.error != null) {
            throw new KustomizeException(source, "invalid Kustomization: json: " + decoder.error,
                    "check the field's name and the kind of its value against the kustomization reference");
        }
        return (ObjectNode) result;
    }

    /**
     * A replacement read from a file named by {@code replacements: [{path: ...}]}: kustomize decodes
     * those without refusing unknown fields.
     */
    static JsonNode normalizeReplacement(String source, JsonNode content) {
        return normalizeLeniently(source, content, REPLACEMENT);
    }

    private static final ListOf FIELD_SPECS = new ListOf(FIELD_SPEC, "types.FsSlice");

    /** A {@code configurations:} file (kustomize's TransformerConfig). */
    static final Struct TRANSFORMER_CONFIG = struct("TransformerConfig", "builtinconfig.TransformerConfig",
            "namePrefix", FIELD_SPECS, "nameSuffix", FIELD_SPECS, "namespace", FIELD_SPECS, "commonLabels", FIELD_SPECS,
            "templateLabels", FIELD_SPECS, "commonAnnotations", FIELD_SPECS,
            "nameReference", new ListOf(struct("NameBackReferences", "builtinconfig.NameBackReferences",
                    "group", STRING, "version", STRING, "kind", STRING, "fieldSpecs", FIELD_SPECS), "builtinconfig.nbrSlice"),
            "varReference", FIELD_SPECS, "images", FIELD_SPECS, "replicas", FIELD_SPECS, "labels", FIELD_SPECS);

    /** A {@code configurations:} file, decoded strictly as kustomize decodes it. */
    static JsonNode normalizeTransformerConfig(String source, JsonNode content) {
        if (content.isNull() || content.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        Decoder decoder = new Decoder(false);
        JsonNode result = decoder.decode(content, TRANSFORMER_CONFIG, null, "");
        if (decoder.error != null) {
            throw new KustomizeException(source, "error unmarshaling JSON: while decoding JSON: json: " + decoder.error,
                    "check the configuration's categories: namePrefix, commonLabels, nameReference, ...");
        }
        return result;
    }

    /** Decoded into {@code type} as kustomize's sigs.k8s.io/yaml does: field names regardless of case, unknown fields ignored. */
    static JsonNode normalizeLeniently(String source, JsonNode content, Struct type) {
        Decoder decoder = new Decoder(true);
        JsonNode result = decoder.decode(content, type, null, "");
        if (decoder.error != null) {
            throw new KustomizeException(source, "json: " + decoder.error, "check the fields against the reference");
        }
        return result;
    }

    /** Decodes like encoding/json: the first error is kept, decoding goes on. */
    private static final class Decoder {
        private final boolean ignoreUnknownFields;
        private String error;

        Decoder(boolean ignoreUnknownFields) {
            this.ignoreUnknownFields = ignoreUnknownFields;
        }

        JsonNode decode(JsonNode value, GoType type, Struct owner, String path) {
            if (value.isNull()) {
                return value;
            }
            switch (type) {
                case Opaque ignored -> {
                    return value;
                }
                case Scalar scalar -> {
                    if (!fits(value, scalar)) {
                        mismatch(value, scalar, owner, path);
                    }
                    return value;
                }
                case ListOf list -> {
                    if (!value.isArray()) {
                        mismatch(value, list, owner, path);
                        return value;
                    }
                    ArrayNode result = JsonNodeFactory.instance.arrayNode();
                    value.forEach(item -> result.add(decode(item, list.element(), owner, path)));
                    return result;
                }
                case MapOf map -> {
                    if (!value.isObject()) {
                        mismatch(value, map, owner, path);
                        return value;
                    }
                    ObjectNode result = JsonNodeFactory.instance.objectNode();
                    for (String key : sortedKeys(value)) {
                        result.set(key, decode(value.get(key), map.value(), owner, path));
                    }
                    return result;
                }
                case Struct struct -> {
                    if (!value.isObject()) {
                        if (owner == null) {
                            fail("cannot unmarshal " + jsonKind(value) + " into Go value of type " + struct.goName());
                        } else {
                            mismatch(value, struct, owner, path);
                        }
                        return value;
                    }
                    return decodeStruct(value, struct, path);
                }
            }
        }

        private ObjectNode decodeStruct(JsonNode value, Struct struct, String path) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            // YAML becomes JSON through a Go map, so Go meets the keys in sorted order.
            for (String key : sortedKeys(value)) {
                String field = fieldFor(struct, key);
                if (field == null) {
                    if (!ignoreUnknownFields) {
                        fail("unknown field \"" + key + "\"");
                    }
                    continue;
                }
                String fieldPath = path.isEmpty() ? field : path + "." + field;
                result.set(field, decode(value.get(key), struct.fields().get(field), struct, fieldPath));
            }
            return result;
        }

        /** The exact field name, else one equal ignoring case, as encoding/json matches. */
        private static String fieldFor(Struct struct, String key) {
            if (struct.fields().containsKey(key)) {
                return key;
            }
            for (String field : struct.fields().keySet()) {
                if (field.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                    return field;
                }
            }
            return null;
        }

        private static boolean fits(JsonNode value, Scalar scalar) {
            return switch (scalar.goName()) {
                case "bool" -> value.isBoolean();
                case "int", "int64" -> value.isIntegralNumber()
                        || (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
                default -> value.isTextual();
            };
        }

        private void mismatch(JsonNode value, GoType type, Struct owner, String path) {
            String kind = jsonKind(value);
            if (value.isNumber() && type instanceof Scalar s && (s.goName().startsWith("int"))) {
                kind = "number " + Scalars.text(value);
            }
            fail("cannot unmarshal " + kind + " into Go struct field " + owner.name() + "." + path + " of type " + type.goName());
        }

        private void fail(String problem) {
            if (error == null) {
                error = problem;
            }
        }

        private static String jsonKind(JsonNode value) {
            if (value.isTextual()) {
                return "string";
            }
            if (value.isNumber()) {
                return "number";
            }
            if (value.isBoolean()) {
                return "bool";
            }
            return value.isArray() ? "array" : "object";
        }

        private static List<String> sortedKeys(JsonNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            return keys;
        }
    }

    static Struct struct(String name, String goName, Object... fieldsAndTypes) {
        Map<String, GoType> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTypes.length; i += 2) {
            fields.put((String) fieldsAndTypes[i], (GoType) fieldsAndTypes[i + 1]);
        }
        return new Struct(name, goName, fields);
    }
}
