package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * Sets the replica count of the objects with a given name (kustomize's {@code replicas} field). Like
 * kustomize, only the scalar's text changes: a count written as a string stays a string.
 */
record ReplicaTransformer(String name, long count, List<FieldSpec> specs) implements Transformer {
    @Override
    public void transform(ResMap resources) {
        boolean found = false;
        for (FieldSpec spec : specs) {
            List<Resource> matching = resources.byAnyId(id -> id.name().equals(name) && id.gvk().isSelectedBy(spec.gvk()));
            found |= !matching.isEmpty();
            for (Resource resource : matching) {
                FieldPaths.apply(resource.object(), spec, FieldPaths.Create.SCALAR, this::set);
            }
        }
        if (!found) {
            throw new KustomizeException("resource with name " + name + " does not match a config with the following GVK "
                    + specs.stream().map(s -> s.gvk().toString()).toList().toString().replace(",", ""));
        }
    }

    private void set(FieldPaths.Slot slot) {
        JsonNode current = slot.get();
        boolean text = current != null && current.isTextual() && !current.asText().isEmpty();
        slot.set(text ? TextNode.valueOf(Long.toString(count)) : LongNode.valueOf(count));
    }
}
