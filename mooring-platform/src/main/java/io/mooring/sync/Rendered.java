package io.mooring.sync;

import io.mooring.git.Commit;
import io.mooring.resource.Manifest;

import java.util.List;
import java.util.Set;

/**
 * An application's manifests at one commit.
 *
 * @param commit    the commit rendered
 * @param renderer  which renderer made them ({@code plain}, {@code kustomize}, {@code helm})
 * @param manifests the objects, in the renderer's order
 * @param inputs    the repository paths the render read (directories or files, relative to the root):
 *                  a later commit that touches none of them renders the same
 */
public record Rendered(Commit commit, String renderer, List<Manifest> manifests, Set<String> inputs) {
    public Rendered {
        manifests = List.copyOf(manifests);
        inputs = Set.copyOf(inputs);
    }

    /** The same render, found still true at a later commit. */
    Rendered at(Commit later) {
        return new Rendered(later, renderer, manifests, inputs);
    }
}
