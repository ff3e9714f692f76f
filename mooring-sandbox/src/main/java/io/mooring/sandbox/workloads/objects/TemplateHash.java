package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The hash that names a Deployment's ReplicaSets ({@code pod-template-hash}) and the revisions of
 * StatefulSets and DaemonSets, computed as Kubernetes' {@code ComputeHash} does: 32-bit FNV-1a over
 * the template, then the collision count (as 8 little-endian bytes) when there is one, the decimal
 * number spelled in the safe alphabet of generated names.
 *
 * <p>Kubernetes hashes a dump of its Go structs; the sandbox hashes the template's JSON with keys
 * sorted and empty values dropped (the same template gives the same hash, any change gives another),
 * so the values have the real form ({@code 5d9c7b8f64}) but differ from a real cluster's.
 */
public final class TemplateHash {
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TemplateHash() {
    }

    public static String of(JsonNode template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        for (byte b : canonical(template)) {
            hash = fnv(hash, b);
        }
        if (collisionCount != null) {
            int count = collisionCount;
            for (int i = 0; i < 8; i++) {
                hash = fnv(hash, (byte) (i < 4 ? count >>> (8 * i) : 0));
            }
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Whether two pod templates are the same apart from the {@code pod-template-hash} label ({@code EqualIgnoreHash}). */
    public static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
        return Arrays.equals(canonical(withoutHash(a)), canonical(withoutHash(b)));
    }

    /** Whether two trees have the same canonical form (keys in any order, empty values dropped, numbers by value). */
    public static boolean equal(JsonNode a, JsonNode b) {
        return Arrays.equals(canonical(a), canonical(b));
    }

    private static JsonNode withoutHash(JsonNode template) {
        JsonNode copy = template == null || template.isMissingNode() ? Json.object() : template.deepCopy();
        if (copy.path("metadata").path("labels") instanceof ObjectNode labels) {
            labels.remove(POD_TEMPLATE_HASH);
        }
        return copy;
    }

    private static int fnv(int hash, byte b) {
        return (hash ^ (b & 0xff)) * 0x01000193;
    }

    /** The template's JSON with keys sorted and empty values dropped; numbers print the same whatever their node type. */
    private static byte[] canonical(JsonNode template) {
        try {
            Object sorted = CANONICAL.treeToValue(Json.withoutEmpty(template), Object.class);
            return CANONICAL.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** {@code rand.SafeEncodeString}: each character mapped into the alphabet of generated names. */
    static String safeEncode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            encoded.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }
}
