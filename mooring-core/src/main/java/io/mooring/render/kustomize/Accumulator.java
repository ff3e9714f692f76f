package io.mooring.render.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * What a kustomization build has gathered so far: the resources, the transformer configuration in
 * force, and the declared vars.
 */
final class Accumulator {
    private final ResMap resources = new ResMap();
    private final TransformerConfig config = new TransformerConfig();
    private final List<Var> vars = new ArrayList<>();

    ResMap resources() {
        return resources;
    }

    TransformerConfig config() {
        return config;
    }

    List<Var> vars() {
        return List.copyOf(vars);
    }

    void mergeConfig(TransformerConfig other) {
        config.merge(other);
    }

    /** Adds a child kustomization's result: its resources must not collide with ours. */
    void mergeAccumulator(Accumulator other) {
        resources.appendAll(other.resources);
        config.merge(other.config);
        other.vars.forEach(this::addVar);
    }

    /**
     * Declares vars and marks the object each refers to, so that its value can be read once all
     * transformations are done (by then the object may have a new name).
     */
    void mergeVars(List<Var> incoming) {
        for (Var v : incoming) {
            ResId target = v.target();
            boolean exact = !target.namespace().isEmpty() || target.isClusterScoped();
            List<Resource> matched = resources.byAnyId(id -> exact ? target.matches(id) : target.gvknEquals(id));
            if (matched.size() > 1) {
                throw new KustomizeException("found " + matched.size() + " resId matches for var " + v
                        + " (unable to disambiguate)");
            }
            if (matched.size() == 1) {
                matched.getFirst().refVarNames().add(v.name());
            }
        }
        incoming.forEach(this::addVar);
    }

    private void addVar(Var v) {
        if (vars.stream().anyMatch(existing -> existing.name().equals(v.name()))) {
            throw new KustomizeException("var '" + v.name() + "' already encountered");
        }
        vars.add(v);
    }
}
