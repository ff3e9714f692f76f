package io.mooring.render.kustomize;

/**
 * A plugin config object from {@code generators:} or {@code transformers:}.
 *
 * @param object       the config
 * @param configuredIn the file it came from, relative to the top kustomization, when origins are
 *                     tracked; empty when inline or untracked
 */
record PluginConfig(Resource object, String configuredIn) {
    <T> Plugin<T> plugin(T step) {
        return new Plugin<>(step, object.curId(), configuredIn);
    }
}
