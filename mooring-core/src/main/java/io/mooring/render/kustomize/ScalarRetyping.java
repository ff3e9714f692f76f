package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.resource.YamlScalars;
import io.mooring.resource.YamlTimestamp;

/**
 * What happens when kustomize changes only a scalar's text (replacements, replica counts): the node
 * keeps its YAML tag, and the text is read under that tag when the object is printed. A string
 * takes any text; a number, boolean or null takes only text of its kind ({@code "2"} into a float
 * gives 2), and other text fails the build when printed, as it fails kustomize's final decoding.
 */
final class ScalarRetyping {
    private ScalarRetyping() {
    }

    /**
     * Text that a node kept a type kustomize cannot decode: it reads as the text, and printing it
     * fails with go-yaml's message.
     */
    static final class Undecodable extends TextNode {
        private final String tag;

        Undecodable(String tag, String text) {
            super(text);
            this.tag = tag;
        }

        String tag() {
            return tag;
        }

        String problem() {
            return "yaml: cannot decode " + tagOf(YamlScalars.plain(textValue())) + " `" + textValue() + "` as a " + tag;
        }
    }

    /**
     * A scalar that kustomize created without a tag (a field a replacement created): it reads as
     * its text, and is resolved like plain YAML when printed, whatever text it holds by then.
     */
    static final class Untagged extends TextNode {
        Untagged(String text) {
            super(text);
        }

        JsonNode resolved() {
            return YamlScalars.plain(textValue());
        }
    }

    /** {@code text} in a node of the same YAML type as {@code like}. */
    static JsonNode withText(JsonNode like, String text) {
        if (like instanceof Untagged) {
            return new Untagged(text);
        }
        String tag = tagOf(like);
        if (tag.equals("!!str")) {
            return TextNode.valueOf(text);
        }
        JsonNode resolved = YamlScalars.plain(text);
        String resolvedTag = tagOf(resolved);
        if (resolvedTag.equals(tag)) {
            return resolved;
        }
        if (tag.equals("!!float") && resolvedTag.equals("!!int")) {
            return DoubleNode.valueOf(resolved.doubleValue());
        }
        return new Undecodable(tag, text);
    }

    /** The YAML tag the node stands for. */
    static String tagOf(JsonNode node) {
        if (node instanceof Undecodable undecodable) {
            return undecodable.tag();
        }
        if (node instanceof Untagged untagged) {
            return tagOf(untagged.resolved());
        }
        if (node instanceof YamlTimestamp) {
            return "!!timestamp";
        }
        if (node == null || node.isNull()) {
            return "!!null";
        }
        if (node.isBoolean()) {
            return "!!bool";
        }
        if (node.isIntegralNumber()) {
            return "!!int";
        }
        if (node.isNumber()) {
            return "!!float";
        }
        return "!!str";
    }
}
