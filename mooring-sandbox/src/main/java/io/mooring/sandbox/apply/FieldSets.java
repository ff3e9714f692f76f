package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The field set of a value (what an applier of it owns) and the schema-aware operations on field
 * sets that structured-merge-diff's updater uses.
 */
final class FieldSets {
    private FieldSets() {
    }

    /** The shape a value is handled as: its type's, unless the value is of another JSON kind, which makes it a leaf. */
    static TypeSchema.Shape shape(TypeSchema type, JsonNode value) {
        TypeSchema.Shape shape = type.shapeOf(value);
        if (value == null || value.isNull()) {
            return shape;
        }
        if (shape == TypeSchema.Shape.MAP && !value.isObject() || shape == TypeSchema.Shape.LIST && !value.isArray()) {
            return TypeSchema.Shape.SCALAR;
        }
        return shape;
    }

    /**
     * Every leaf field and list element the value mentions: scalars, atomic maps and lists,
     * map keys that are not struct fields, and list elements; struct fields themselves are not
     * members, only their contents.
     */
    static FieldSet of(TypeSchema type, JsonNode value) {
        FieldSet.Builder builder = new FieldSet.Builder();
        walk(type, value, new ArrayList<>(), builder);
        return builder.build();
    }

    private static void walk(TypeSchema type, JsonNode value, List<PathElement> path, FieldSet.Builder out) {
        TypeSchema.Shape shape = shape(type, value);
        switch (shape) {
            case SCALAR, ANY -> out.insert(path);
            case MAP -> {
                if (type.atomic(shape)) {
                    out.insert(path);
                } else if (value != null && value.isObject()) {
                    for (Map.Entry<String, JsonNode> e : value.properties()) {
                        path.add(new PathElement.Field(e.getKey()));
                        walk(childType(type, e.getKey()), e.getValue(), path, out);
                        if (!type.declares(e.getKey())) {
                            out.insert(path);
                        }
                        path.remove(path.size() - 1);
                    }
                }
            }
            case LIST -> {
                if (type.atomic(shape)) {
                    out.insert(path);
                } else if (value != null && value.isArray()) {
                    TypeSchema elements = type.elements();
                    for (int i = 0; i < value.size(); i++) {
                        path.add(ListItems.lenient(type, i, value.get(i)));
                        walk(elements, value.get(i), path, out);
                        out.insert(path);
                        path.remove(path.size() - 1);
                    }
                }
            }
        }
    }

    /** The type of a map key; a key the schema does not allow (only in stored values) is taken as it comes. */
    static TypeSchema childType(TypeSchema type, String key) {
        TypeSchema child = type.field(key);
        return child == null ? TypeSchema.DEDUCED : child;
    }

    /**
     * The set with every struct field that has paths below it made a member too ("a" for
     * "a.b.c" when a is a field of a struct, not when it is a map key): what prune treats as
     * removable when an applier stops mentioning a whole struct.
     */
    static FieldSet ensureNamedFieldsAreMembers(FieldSet set, TypeSchema type) {
        FieldSet.Builder builder = new FieldSet.Builder();
        ensure(set, type, new ArrayList<>(), builder);
        return builder.build();
    }

    private static void ensure(FieldSet set, TypeSchema type, List<PathElement> prefix, FieldSet.Builder out) {
        for (PathElement member : set.members()) {
            prefix.add(member);
            out.insert(prefix);
            prefix.remove(prefix.size() - 1);
        }
        set.children().forEach((pe, child) -> {
            TypeSchema childType = TypeSchema.UNTYPED_ATOMIC;
            if (pe instanceof PathElement.Field f && type.shape() != TypeSchema.Shape.LIST && type.shape() != TypeSchema.Shape.SCALAR) {
                childType = childType(type, f.name());
                if (type.declares(f.name())) {
                    prefix.add(pe);
                    out.insert(prefix);
                    prefix.remove(prefix.size() - 1);
                }
            } else if (pe instanceof PathElement.Key && type.shape() != TypeSchema.Shape.MAP) {
                childType = type.elements();
            }
            prefix.add(pe);
            ensure(child, childType, prefix, out);
            prefix.remove(prefix.size() - 1);
        });
    }
}
