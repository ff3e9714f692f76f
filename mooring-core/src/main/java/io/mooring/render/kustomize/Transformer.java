package io.mooring.render.kustomize;

/** One step of a build that changes the resources in place. */
@FunctionalInterface
interface Transformer {
    void transform(ResMap resources);
}
