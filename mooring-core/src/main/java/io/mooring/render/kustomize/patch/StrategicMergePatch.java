package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;

import java.util.Optional;

/**
 * Applies a strategic-merge patch to a resource the way kustomize v5.5.0 does (kyaml's merge2, as
 * called by the PatchStrategicMergeTransformer and PatchTransformer, with patch elements
 * prepended to merged lists). This is not apimachinery's strategic merge: see {@link MergeWalker}
 * and {@link AssociativeList} for the rules and the kyaml quirks kept on purpose.
 *
 * <p>Only the merge itself is done here. What kustomize does around it is the caller's: keeping
 * the resource's name, kind and namespace unless the patch options allow a change, choosing the
 * targets, and removing a resource whose patch deleted it.
 */
public final class StrategicMergePatch {
    private final KubernetesSchema schema;

    /** A patcher that finds merge keys in {@code schema} ({@link KubernetesSchema#builtin()} by default). */
    public StrategicMergePatch(KubernetesSchema schema) {
        this.schema = schema;
    }

    /**
     * The resource with the patch merged in; empty when the patch deletes the whole resource
     * ({@code $patch: delete} at its top). Neither argument is changed. Kustomize keeps the
     * resource as the merge edited it, not what the merge returns; the two differ only for
     * {@code $patch: replace} at the top, which therefore changes nothing.
     *
     * @throws ManifestException when the patch cannot be applied: a value that is a map on one side
     *                           and a list or scalar on the other, or an unknown {@code $patch}
     */
    public Optional<ObjectNode> apply(ObjectNode resource, ObjectNode patch) {
        ObjectNode edited = resource.deepCopy();
        JsonNode merged = new MergeWalker(schema).walk(edited, patch.deepCopy(), null, "");
        return merged == null || merged.isEmpty() ? Optional.empty() : Optional.of(edited);
    }
}
