package io.mooring.render;

import io.mooring.render.kustomize.Kustomize;
import io.mooring.resource.Manifest;

import java.util.List;

/** A directory with a kustomization, built by Mooring's native Kustomize (see {@link Kustomize}). */
public final class KustomizeRenderer implements Renderer {
    @Override
    public String name() {
        return "kustomize";
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        return Kustomize.build(request.path());
    }
}
