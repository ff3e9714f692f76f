package io.mooring.render.kustomize;

/**
 * A generator or transformer with what configured it, for origin and transformation annotations.
 *
 * @param step         the generator or transformer
 * @param configuredBy the plugin's id: {@code builtin}/kind for kustomization fields, the config
 *                     object's id for plugin configs
 * @param configuredIn the file it is configured in, relative to the top kustomization's directory;
 *                     empty for the kustomization file itself
 */
record Plugin<T>(T step, ResId configuredBy, String configuredIn) {
    static <T> Plugin<T> builtin(String kind, T step) {
        return new Plugin<>(step, new ResId(new Gvk("", "builtin", kind), "", ""), "");
    }
}
