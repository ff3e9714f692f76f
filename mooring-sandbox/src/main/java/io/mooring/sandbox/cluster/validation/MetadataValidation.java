package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.cluster.Nodes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Object names by kind, labels and annotations, as {@code ValidateObjectMeta} checks them. */
final class MetadataValidation {
    /** Total size of all annotations, keys and values. */
    static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private MetadataValidation() {
    }

    /** How the name of each kind is checked; kinds not listed here are checked as DNS subdomains. */
    static Function<String, List<String>> nameRule(String kind) {
        return switch (kind) {
            case "Namespace" -> Names::dns1123Label;
            case "Service" -> Names::dns1035Label;
            default -> Names::dns1123Subdomain;
        };
    }

    static void name(JsonNode object, Function<String, List<String>> rule, FieldErrors errors) {
        String name = Nodes.text(object, "metadata", "name");
        rule.apply(name).forEach(message -> errors.invalid("metadata.name", name, message));
    }

    static void labelsAndAnnotations(JsonNode metadata, String path, FieldErrors errors) {
        labels(Nodes.stringMap(metadata, "labels"), path + ".labels", errors);
        Map<String, String> annotations = Nodes.stringMap(metadata, "annotations");
        long size = 0;
        for (Map.Entry<String, String> entry : annotations.entrySet()) {
            String key = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            Names.qualifiedName(key).forEach(message -> errors.invalid(path + ".annotations", entry.getKey(), message));
            size += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > ANNOTATIONS_MAX_BYTES) {
            errors.tooLong(path + ".annotations", ANNOTATIONS_MAX_BYTES);
        }
    }

    static void labels(Map<String, String> labels, String path, FieldErrors errors) {
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            Names.qualifiedName(entry.getKey()).forEach(message -> errors.invalid(path, entry.getKey(), message));
            Names.labelValue(entry.getValue()).forEach(message -> errors.invalid(path, entry.getValue(), message));
        }
    }
}
