package io.mooring.render.kustomize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of field specs with kustomize's merge rule: a spec is not added when an
 * effectively equal one (same path, type selected by the new one's) is there, and two such specs
 * that disagree about creating the field are an error. Indexed by path, because every level of a
 * build merges the whole default configuration again.
 */
final class SpecList {
    private final List<FieldSpec> ordered = new ArrayList<>();
    private final Map<String, List<FieldSpec>> byPath = new HashMap<>();

    static SpecList of(List<FieldSpec> specs) {
        SpecList list = new SpecList();
        specs.forEach(list::add);
        return list;
    }

    void add(FieldSpec spec) {
        List<FieldSpec> samePath = byPath.computeIfAbsent(spec.path(), p -> new ArrayList<>(1));
        for (FieldSpec existing : samePath) {
            if (existing.gvk().isSelectedBy(spec.gvk())) {
                if (existing.create() != spec.create()) {
                    throw new KustomizeException("conflicting fieldspecs");
                }
                return;
            }
        }
        samePath.add(spec);
        ordered.add(spec);
    }

    void addAll(List<FieldSpec> specs) {
        specs.forEach(this::add);
    }

    List<FieldSpec> toList() {
        return List.copyOf(ordered);
    }
}
