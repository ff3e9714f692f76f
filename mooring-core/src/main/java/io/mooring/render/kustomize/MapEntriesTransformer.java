package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sets string entries in maps found by field specs: labels and annotations (kustomize's
 * LabelTransformer and AnnotationsTransformer, which share this logic).
 */
record MapEntriesTransformer(Map<String, String> entries, List<FieldSpec> specs) implements Transformer {
    MapEntriesTransformer {
        entries = new TreeMap<>(entries);
        specs = List.copyOf(specs);
    }

    @Override
    public void transform(ResMap resources) {
        if (entries.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            apply(resource.object());
        }
    }

    void apply(ObjectNode object) {
        entries.forEach((key, value) -> {
            for (FieldSpec spec : specs) {
                FieldPaths.apply(object, spec, FieldPaths.Create.MAP, slot -> {
                    if (slot.get().isNull()) {
                        // kustomize adds the entry to the null node itself, where it never shows.
                        return;
                    }
                    if (!(slot.get() instanceof ObjectNode map)) {
                        throw new KustomizeException("wrong node kind: expected MappingNode but got " + slot.get().getNodeType());
                    }
                    map.put(key, value);
                });
            }
        });
    }
}
