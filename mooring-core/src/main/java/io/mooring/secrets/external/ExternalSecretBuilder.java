package io.mooring.secrets.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.secrets.GoTemplate;
import io.mooring.secrets.SecretException;
import io.mooring.secrets.SecretObjects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Makes the Secret an ExternalSecret describes from the secrets its store returns, as External
 * Secrets Operator does: {@code dataFrom} first, {@code data} over it, then the template (which
 * replaces the data, or merges over it with {@code mergePolicy: Merge}). A fetched secret is a JSON
 * object of properties (Vault) or a single text value (a file store's plain entry).
 */
public final class ExternalSecretBuilder {
    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ExternalSecretBuilder() {
    }

    /**
     * @param fetch reads one remote secret (it throws {@link SecretException} when it cannot)
     * @return the Secret; null when the creation policy is None
     */
    public static ObjectNode build(ExternalSecret external, Function<ExternalSecret.RemoteRef, JsonNode> fetch) {
        SortedMap<String, byte[]> values = new TreeMap<>();
        for (ExternalSecret.RemoteRef ref : external.dataFrom()) {
            JsonNode secret = fetch.apply(ref);
            JsonNode selected = ref.property().isEmpty() ? secret : property(external, ref, secret);
            if (!selected.isObject()) {
                throw error(external, "dataFrom key \"" + ref.key() + "\" is a single value, not a map of properties",
                        "read it with spec.data and a secretKey");
            }
            selected.properties().forEach(e -> values.put(e.getKey(), decode(external, ref, bytes(e.getValue()))));
        }
        for (ExternalSecret.DataItem item : external.data()) {
            JsonNode secret = fetch.apply(item.ref());
            JsonNode selected = item.ref().property().isEmpty() ? secret : property(external, item.ref(), secret);
            values.put(item.secretKey(), decode(external, item.ref(), bytes(selected)));
        }
        ExternalSecret.Target target = external.target();
        ObjectNode template = target.template();
        SortedMap<String, byte[]> result = values;
        if (template.path("data") instanceof ObjectNode templates && !templates.isEmpty()) {
            result = template.path("mergePolicy").asText("Replace").equals("Merge") ? new TreeMap<>(values) : new TreeMap<>();
            Map<String, String> text = SecretObjects.text(values);
            for (var field : templates.properties()) {
                try {
                    result.put(field.getKey(), GoTemplate.render(field.getValue().asText(), text).getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw error(external, "spec.target.template.data." + field.getKey() + ": " + e.getMessage(), null);
                }
            }
        }
        if (target.policy() == ExternalSecret.CreationPolicy.NONE) {
            return null;
        }
        JsonNode immutable = target.immutable() ? JsonNodeFactory.instance.booleanNode(true) : null;
        return SecretObjects.secret(target.name(), external.namespace(), template.path("metadata"), template.path("type").asText("Opaque"),
                immutable, result);
    }

    /** A property by its name, or by a dotted path into nested objects, as External Secrets' Vault provider reads it. */
    private static JsonNode property(ExternalSecret external, ExternalSecret.RemoteRef ref, JsonNode secret) {
        if (!secret.isObject()) {
            throw error(external, "key \"" + ref.key() + "\" is a single value with no property \"" + ref.property() + "\"",
                    "leave out remoteRef.property");
        }
        JsonNode direct = secret.get(ref.property());
        if (direct != null) {
            return direct;
        }
        JsonNode node = secret;
        for (String step : ref.property().split("\\.")) {
            node = node.path(step);
        }
        if (node.isMissingNode()) {
            throw error(external, "key \"" + ref.key() + "\" has no property \"" + ref.property() + "\" (it has: "
                    + String.join(", ", new java.util.TreeSet<>(iterable(secret))) + ")", null);
        }
        return node;
    }

    private static java.util.List<String> iterable(JsonNode object) {
        java.util.List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Text as it is; anything else as JSON with sorted keys, as Go marshals a map. */
    private static byte[] bytes(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            Object plain = SORTED.treeToValue(value, Object.class);
            return SORTED.writeValueAsBytes(plain);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(ExternalSecret external, ExternalSecret.RemoteRef ref, byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8).strip();
        try {
            return switch (ref.decoding()) {
                case NONE -> value;
                case BASE64 -> Base64.getDecoder().decode(text);
                case BASE64URL -> Base64.getUrlDecoder().decode(text);
                case AUTO -> {
                    try {
                        yield Base64.getDecoder().decode(text);
                    } catch (IllegalArgumentException e) {
                        try {
                            yield Base64.getUrlDecoder().decode(text);
                        } catch (IllegalArgumentException e2) {
                            yield value;
                        }
                    }
                }
            };
        } catch (IllegalArgumentException e) {
            throw error(external, "key \"" + ref.key() + "\"" + (ref.property().isEmpty() ? "" : " property \"" + ref.property() + "\"")
                    + " is not " + (ref.decoding() == ExternalSecret.Decoding.BASE64 ? "base64" : "base64url"), "use decodingStrategy: None or Auto");
        }
    }

    private static SecretException error(ExternalSecret external, String problem, String hint) {
        return new SecretException(external.source(), external.line(), external.id() + ": " + problem, hint);
    }
}
