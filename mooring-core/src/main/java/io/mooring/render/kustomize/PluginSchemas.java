package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.KustomizationSchema.ListOf;
import io.mooring.render.kustomize.KustomizationSchema.Scalar;
import io.mooring.render.kustomize.KustomizationSchema.Struct;

import java.util.Map;

import static io.mooring.render.kustomize.KustomizationSchema.BOOL;
import static io.mooring.render.kustomize.KustomizationSchema.FIELD_SPEC;
import static io.mooring.render.kustomize.KustomizationSchema.IMAGE;
import static io.mooring.render.kustomize.KustomizationSchema.OBJECT_META;
import static io.mooring.render.kustomize.KustomizationSchema.REPLACEMENT;
import static io.mooring.render.kustomize.KustomizationSchema.SELECTOR;
import static io.mooring.render.kustomize.KustomizationSchema.STRING;
import static io.mooring.render.kustomize.KustomizationSchema.STRING_MAP;
import static io.mooring.render.kustomize.KustomizationSchema.struct;

/**
 * The config types of kustomize's builtin transformers, which it decodes with sigs.k8s.io/yaml:
 * field names match regardless of case, unknown fields are ignored, values of the wrong kind fail.
 */
final class PluginSchemas {
    private static final ListOf FIELD_SPECS = new ListOf(FIELD_SPEC, "[]types.FieldSpec");

    private static final Map<String, Struct> TRANSFORMERS = Map.ofEntries(
            plugin("LabelTransformer", "labels", STRING_MAP, "fieldSpecs", FIELD_SPECS),
            plugin("AnnotationsTransformer", "annotations", STRING_MAP, "fieldSpecs", FIELD_SPECS),
            plugin("NamespaceTransformer", "fieldSpecs", FIELD_SPECS, "unsetOnly", BOOL,
                    "setRoleBindingSubjects", new Scalar("namespace.RoleBindingSubjectMode")),
            plugin("PrefixTransformer", "prefix", STRING, "fieldSpecs", FIELD_SPECS),
            plugin("SuffixTransformer", "suffix", STRING, "fieldSpecs", FIELD_SPECS),
            plugin("PrefixSuffixTransformer", "prefix", STRING, "suffix", STRING, "fieldSpecs", FIELD_SPECS),
            plugin("ImageTagTransformer", "imageTag", IMAGE, "fieldSpecs", FIELD_SPECS),
            plugin("ReplicaCountTransformer", "replica", struct("Replica", "types.Replica", "name", STRING,
                    "count", new Scalar("int64")), "fieldSpecs", FIELD_SPECS),
            plugin("ReplacementTransformer", "replacements", new ListOf(REPLACEMENT, "[]types.ReplacementField")),
            plugin("ValueAddTransformer", "value", STRING, "targetFilePath", STRING,
                    "targets", new ListOf(struct("Target", "builtins.Target", "selector", SELECTOR, "fieldPath", STRING,
                            "filePathPosition", new Scalar("int")), "[]builtins.Target")));

    private PluginSchemas() {
    }

    /** The config of a builtin transformer with its fields under their declared names; other kinds as they are. */
    static JsonNode normalize(String kind, JsonNode config) {
        Struct type = TRANSFORMERS.get(kind);
        return type == null ? config : KustomizationSchema.normalizeLeniently(kind, config, type);
    }

    private static Map.Entry<String, Struct> plugin(String kind, Object... fieldsAndTypes) {
        Object[] all = new Object[fieldsAndTypes.length + 2];
        all[0] = "metadata";
        all[1] = OBJECT_META;
        System.arraycopy(fieldsAndTypes, 0, all, 2, fieldsAndTypes.length);
        return Map.entry(kind, struct(kind + "Plugin", "builtins." + kind + "Plugin", all));
    }
}
