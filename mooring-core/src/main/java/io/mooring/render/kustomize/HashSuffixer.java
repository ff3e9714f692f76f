package io.mooring.render.kustomize;

import io.mooring.render.kustomize.generate.NameHash;

/**
 * Appends a content hash to the names of generated ConfigMaps and Secrets, so that a change of
 * content rolls the workloads that use them. Runs once, at the top of the build, on the final
 * content (after overlays merged and patched it).
 */
final class HashSuffixer implements Transformer {
    @Override
    public void transform(ResMap resources) {
        for (Resource resource : resources.resources()) {
            if (resource.needsHashSuffix()) {
                String hash = NameHash.of(resource.object());
                resource.storePreviousId();
                resource.setName(resource.name() + "-" + hash);
            }
        }
    }
}
