package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.resource.GoJson;
import io.mooring.resource.ManifestException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Kustomize's content hash, the {@code -<hash>} suffix of a generated ConfigMap's or Secret's name.
 *
 * <p>Kustomize computes it at the very end of a build, from the object as it is then (after
 * overlays merged into it and patches changed it), so this is a function of the final object. It
 * encodes a small JSON document (see {@link GoJson}) and hashes it with SHA-256:
 * <ul>
 *   <li>ConfigMap: {@code kind}, {@code name}, {@code data}, and {@code binaryData} when it is a mapping;</li>
 *   <li>Secret: {@code kind}, {@code name}, {@code type}, {@code data}, and {@code stringData} when it is a mapping.</li>
 * </ul>
 * A field that is missing counts as the empty string. The {@code name} is always empty: kustomize
 * looks it up as one field literally called {@code metadata/name} instead of the path
 * metadata → name, so the name never reaches the hash, and renaming a generated object (prefix,
 * suffix) keeps its hash. Labels, annotations and {@code immutable} do not count either.
 * The first ten hex digits of the digest, with 0, 1, 3, a and e replaced by g, h, k, m and t (so
 * the suffix has no vowels and cannot spell words), are the suffix.
 */
public final class NameHash {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The single (mis-split) field name kustomize looks up for the name; real objects have none. */
    private static final String NAME_FIELD = "metadata/name";
    private static final Map<Character, Character> SUBSTITUTES = Map.of('0', 'g', '1', 'h', '3', 'k', 'a', 'm', 'e', 't');

    private NameHash() {
    }

    /**
     * The ten-character hash of a ConfigMap or Secret.
     *
     * @throws ManifestException for other kinds: kustomize hashes those by encoding its internal
     *                           YAML node structure (styles, line and column numbers), which no
     *                           tree of plain data can reproduce; and for values Go cannot encode (NaN)
     */
    public static String of(JsonNode object) {
        String kind = object.path("kind").asText("");
        ObjectNode content = NODES.objectNode();
        content.put("kind", kind);
        content.set("name", lookup(object, NAME_FIELD));
        switch (kind) {
            case "ConfigMap" -> {
                content.set("data", lookup(object, "data"));
                if (object.path("binaryData").isContainerNode()) {
                    content.set("binaryData", lookup(object, "binaryData"));
                }
            }
            case "Secret" -> {
                content.set("type", lookup(object, "type"));
                content.set("data", lookup(object, "data"));
                if (object.path("stringData").isContainerNode()) {
                    content.set("stringData", lookup(object, "stringData"));
                }
            }
            default -> throw new ManifestException(null, 0,
                    "cannot compute a name hash for kind '" + kind + "': only ConfigMap and Secret are supported",
                    "set disableNameSuffixHash for this object, or generate a ConfigMap or Secret");
        }
        String json;
        try {
            json = GoJson.write(content);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(null, 0, "cannot compute the name hash of " + kind + " '"
                    + object.path("metadata").path("name").asText("") + "': " + e.getMessage(), null);
        }
        return encode(sha256Hex(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Kustomize's ten-character form of a hex digest. */
    static String encode(String hex) {
        StringBuilder out = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            char c = hex.charAt(i);
            out.append(SUBSTITUTES.getOrDefault(c, c));
        }
        return out.toString();
    }

    /**
     * A field as kustomize reads it for the hash: missing gives "", a scalar its text, a mapping
     * itself; a list gives null, because kustomize decodes it into a map, fails, and keeps the nil map.
     * A YAML null gives "" (the text of an empty value; {@code null} and {@code ~} spelt out would
     * give their own text in kustomize, which a parsed tree no longer tells apart).
     */
    private static JsonNode lookup(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return TextNode.valueOf("");
        }
        if (value.isObject()) {
            return value;
        }
        if (value.isArray()) {
            return NullNode.instance;
        }
        return TextNode.valueOf(value.asText());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
