package io.mooring.render;

import io.mooring.resource.Manifest;

import java.util.List;

/** Turns a directory of a platform repo into the Kubernetes objects it declares. */
public sealed interface Renderer permits PlainRenderer, KustomizeRenderer, HelmRenderer {
    /** A short name for messages and status: {@code plain}, {@code kustomize}, {@code helm}. */
    String name();

    /**
     * The objects, in the order the tool the user knows would print them.
     *
     * @throws io.mooring.resource.ManifestException when the input is bad; the message says where
     */
    List<Manifest> render(RenderRequest request);
}
