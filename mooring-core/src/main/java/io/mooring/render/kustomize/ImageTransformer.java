package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * kustomize's {@code images}: changes the name, tag or digest of matching container images, in every
 * {@code containers}/{@code initContainers} list of any object (custom resources included, CRDs
 * excepted), then in the configured image fields.
 */
record ImageTransformer(Image image, List<FieldSpec> specs) implements Transformer {

    /** One {@code images} entry. */
    record Image(String name, String newName, String newTag, String digest, String tagSuffix) {
        static Image parse(JsonNode node) {
            return new Image(Scalars.text(node.get("name")), Scalars.text(node.get("newName")),
                    Scalars.text(node.get("newTag")), Scalars.text(node.get("digest")), Scalars.text(node.get("tagSuffix")));
        }
    }

    @Override
    public void transform(ResMap resources) {
        for (Resource resource : resources.resources()) {
            if (!resource.kind().equals("CustomResourceDefinition")) {
                walkContainers(resource.object());
            }
            for (FieldSpec spec : specs) {
                FieldPaths.apply(resource.object(), spec, FieldPaths.Create.NONE, this::update);
            }
        }
    }

    private void walkContainers(JsonNode node) {
        if (node instanceof ObjectNode map) {
            for (Map.Entry<String, JsonNode> field : map.properties()) {
                walkContainers(field.getValue());
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue() instanceof ArrayNode list) {
                    for (JsonNode container : list) {
                        if (container instanceof ObjectNode c && c.has("image")) {
                            update(FieldPaths.fieldSlot(c, "image"));
                        }
                    }
                }
            }
        } else if (node instanceof ArrayNode list) {
            list.forEach(this::walkContainers);
        }
    }

    private void update(FieldPaths.Slot slot) {
        JsonNode value = slot.get();
        if (value == null || !value.isValueNode()) {
            throw new KustomizeException("wrong node kind: expected ScalarNode for an image");
        }
        String current = Scalars.nodeText(value);
        if (!matches(current)) {
            return;
        }
        String[] parts = split(current);
        String name = image.newName().isEmpty() ? parts[0] : image.newName();
        String tag = parts[1];
        String digest = parts[2];
        if (!image.newTag().isEmpty()) {
            tag = image.newTag();
            digest = image.digest();
        } else if (!image.digest().isEmpty()) {
            tag = "";
            digest = image.digest();
        } else if (!image.tagSuffix().isEmpty()) {
            // Not idempotent: an image that both the container walk and a field spec reach gets it twice, as in kustomize.
            tag += image.tagSuffix();
            digest = "";
        }
        StringBuilder result = new StringBuilder(name);
        if (!tag.isEmpty()) {
            result.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            result.append('@').append(digest);
        }
        slot.set(TextNode.valueOf(result.toString()));
    }

    /**
     * kustomize treats the configured name as a regular expression, then allows a tag and a sha256
     * digest, and looks for the pattern anywhere (Go's MatchString): {@code web|api} matches any
     * image that starts with "web".
     */
    private boolean matches(String value) {
        String tail = "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?";
        try {
            return Pattern.compile("^" + image.name() + tail + "$").matcher(value).find();
        } catch (PatternSyntaxException e) {
            // kustomize crashes on such a name; say why instead.
            throw new KustomizeException("image name '" + image.name() + "' in images is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /**
     * Name, tag and digest of an image reference, split as kustomize splits it: a registry's port
     * (before the first slash) is not a tag; after that, the first ':' starts the tag and the
     * first '@' the digest, whichever comes first.
     */
    static String[] split(String reference) {
        int slash = reference.indexOf('/');
        int offset = Math.max(slash, 0);
        String search = reference.substring(offset);
        int at = search.indexOf('@');
        int colon = search.indexOf(':');
        if (at < 0 && colon < 0) {
            return new String[] {reference, "", ""};
        }
        if (at >= 0 && (colon < 0 || at < colon)) {
            return new String[] {reference.substring(0, offset + at), "", reference.substring(offset + at + 1)};
        }
        if (at >= 0) {
            return new String[] {reference.substring(0, offset + colon), reference.substring(offset + colon + 1, offset + at),
                    reference.substring(offset + at + 1)};
        }
        return new String[] {reference.substring(0, offset + colon), reference.substring(offset + colon + 1), ""};
    }
}
