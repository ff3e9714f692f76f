package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.function.Consumer;

/**
 * Walks a field spec's path through an object and hands each field it reaches to a setter, the way
 * kustomize's field-spec filter does: lists are entered element by element, and a missing field is
 * created only where the spec says so and the caller says what kind of node to create.
 */
final class FieldPaths {
    /** What to create for a missing last field; NONE means never create. */
    enum Create { NONE, MAP, SCALAR }

    private FieldPaths() {
    }

    /** A place in the tree that holds a value: the setter may read and replace it. */
    interface Slot {
        JsonNode get();

        void set(JsonNode value);
    }

    static void apply(ObjectNode object, FieldSpec spec, Create create, Consumer<Slot> setter) {
        if (!spec.appliesTo(Gvk.of(object.path("apiVersion").asText(""), object.path("kind").asText("")))) {
            return;
        }
        List<String> path = spec.segments();
        try {
            walk(rootSlot(object), path, 0, spec, create, setter);
        } catch (KustomizeException e) {
            throw new KustomizeException("obj '" + object.path("kind").asText("") + "/"
                    + object.path("metadata").path("name").asText("") + "' at path '" + spec.path() + "': " + e.problem());
        }
    }

    private static void walk(Slot slot, List<String> path, int index, FieldSpec spec, Create create, Consumer<Slot> setter) {
        if (index == path.size()) {
            setter.accept(slot);
            return;
        }
        JsonNode node = slot.get();
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(elementSlot(array, i), path, index, spec, create, setter);
            }
        } else if (node instanceof ObjectNode object) {
            field(object, path, index, spec, create, setter);
        } else {
            throw new KustomizeException("expected sequence or mapping node");
        }
    }

    private static void field(ObjectNode object, List<String> path, int index, FieldSpec spec, Create create, Consumer<Slot> setter) {
        String segment = path.get(index);
        boolean isSequence = segment.endsWith("[]");
        String name = isSequence ? segment.substring(0, segment.length() - 2) : segment;
        boolean mayCreate = spec.create() && create != Create.NONE && !isSequence;
        Create kind = index == path.size() - 1 ? create : Create.MAP;
        JsonNode value = object.get(name);
        boolean last = index == path.size() - 1;
        if (value == null) {
            if (!mayCreate) {
                return;
            }
            object.set(name, newNode(kind));
        } else if (value.isNull()) {
            // As in kustomize: a null marked as a list ("[]") becomes an empty list even when nothing
            // is created; another null becomes what would be created, or ends the walk unless it is
            // the last field, which the setter then gets as it is.
            if (isSequence) {
                object.set(name, JsonNodeFactory.instance.arrayNode());
            } else if (mayCreate) {
                object.set(name, newNode(kind));
            } else if (!last) {
                return;
            }
        }
        walk(fieldSlot(object, name), path, index + 1, spec, create, setter);
    }

    private static JsonNode newNode(Create kind) {
        return switch (kind) {
            case MAP -> JsonNodeFactory.instance.objectNode();
            case SCALAR -> TextNode.valueOf("");
            case NONE -> throw new IllegalStateException("nothing to create");
        };
    }

    static Slot rootSlot(ObjectNode object) {
        return new Slot() {
            @Override
            public JsonNode get() {
                return object;
            }

            @Override
            public void set(JsonNode value) {
                throw new IllegalStateException("cannot replace the root object");
            }
        };
    }

    static Slot fieldSlot(ObjectNode parent, String name) {
        return new Slot() {
            @Override
            public JsonNode get() {
                return parent.get(name);
            }

            @Override
            public void set(JsonNode value) {
                parent.set(name, value);
            }
        };
    }

    static Slot elementSlot(ArrayNode parent, int index) {
        return new Slot() {
            @Override
            public JsonNode get() {
                return parent.get(index);
            }

            @Override
            public void set(JsonNode value) {
                parent.set(index, value);
            }
        };
    }
}
