package io.mooring.secrets.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.GoDuration;
import io.mooring.secrets.SecretException;
import io.mooring.secrets.SecretObjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of External Secrets Operator's {@code ExternalSecret} ({@code external-secrets.io/v1})
 * that Mooring resolves: values by {@code data[].remoteRef} (key, property, version, metadataPolicy,
 * decodingStrategy), whole secrets by {@code dataFrom[].extract}, the target Secret's name, creation
 * policy and template, and the refresh interval. What it does not support ({@code dataFrom.find},
 * {@code rewrite}, {@code sourceRef}, {@code templateFrom}) is refused by name.
 *
 * @param name            its name
 * @param namespace       its namespace (the destination's when the manifest has none)
 * @param store           the store it reads from
 * @param refreshInterval how long a resolved value is kept before it is read again; zero: read once
 * @param target          the Secret it makes
 * @param data            single values
 * @param dataFrom        whole secrets, every property a key
 * @param source          where it was read, for messages
 * @param line            its line in {@code source}
 */
public record ExternalSecret(String name, String namespace, StoreRef store, Duration refreshInterval, Target target, List<DataItem> data,
                             List<RemoteRef> dataFrom, String source, int line) {
    public static final String GROUP = "external-secrets.io";
    public static final String KIND = "ExternalSecret";
    /** External Secrets Operator's default. */
    public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);

    /** @param kind {@code SecretStore} or {@code ClusterSecretStore} */
    public record StoreRef(String name, String kind) {
    }

    /** How the resolved Secret is created: {@code Owner} (Mooring applies and owns it) or {@code None} (resolved, not applied). */
    public enum CreationPolicy { OWNER, NONE }

    /**
     * @param name     the Secret's name
     * @param policy   whether it is created
     * @param template {@code target.template} (type, metadata, data, mergePolicy); empty for none
     * @param immutable {@code target.immutable}
     */
    public record Target(String name, CreationPolicy policy, ObjectNode template, boolean immutable) {
    }

    /** @param secretKey the key in the Secret */
    public record DataItem(String secretKey, RemoteRef ref) {
    }

    /** How a fetched value is decoded before it goes into the Secret. */
    public enum Decoding { NONE, BASE64, BASE64URL, AUTO }

    /**
     * @param key           the secret's path in the store
     * @param property      one property of it; empty for all of it
     * @param version       a version; empty for the current one
     * @param fetchMetadata read the secret's metadata (Vault's custom_metadata) instead of its data
     * @param decoding      how to decode the value
     */
    public record RemoteRef(String key, String property, String version, boolean fetchMetadata, Decoding decoding) {
    }

    public static boolean is(JsonNode object) {
        return SecretObjects.is(object, GROUP, KIND);
    }

    /** {@code ExternalSecret namespace/name}, for messages. */
    public String id() {
        return KIND + " " + namespace + "/" + name;
    }

    /**
     * @throws SecretException naming the field that Mooring cannot read or does not support
     */
    public static ExternalSecret parse(JsonNode object, String defaultNamespace, String source, int line) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = metadata.path("namespace").asText("");
        if (namespace.isEmpty()) {
            namespace = defaultNamespace;
        }
        Fields f = new Fields(KIND + " " + namespace + "/" + name, source, line);
        if (name.isEmpty()) {
            throw f.error("has no metadata.name", null);
        }
        JsonNode spec = object.path("spec");
        JsonNode storeRef = spec.path("secretStoreRef");
        String storeKind = storeRef.path("kind").asText("SecretStore");
        if (!storeKind.equals("SecretStore") && !storeKind.equals("ClusterSecretStore")) {
            throw f.error("spec.secretStoreRef.kind is " + storeKind, "use SecretStore or ClusterSecretStore");
        }
        String storeName = f.required(storeRef, "spec.secretStoreRef.name");
        Duration refresh = DEFAULT_REFRESH;
        if (spec.hasNonNull("refreshInterval")) {
            String text = spec.path("refreshInterval").asText();
            try {
                refresh = text.equals("0") ? Duration.ZERO : GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw f.error("spec.refreshInterval: " + e.getMessage(), null);
            }
        }
        String refreshPolicy = spec.path("refreshPolicy").asText("Periodic");
        if (refreshPolicy.equals("CreatedOnce") || refreshPolicy.equals("OnChange")) {
            refresh = Duration.ZERO;
        }
        List<DataItem> data = new ArrayList<>();
        int i = 0;
        for (JsonNode item : spec.path("data")) {
            String at = "spec.data[" + i++ + "]";
            if (item.has("sourceRef")) {
                throw f.error(at + ".sourceRef is not supported", "read from the ExternalSecret's own store");
            }
            data.add(new DataItem(f.required(item, at + ".secretKey"), remoteRef(item.path("remoteRef"), at + ".remoteRef", f)));
        }
        List<RemoteRef> dataFrom = new ArrayList<>();
        i = 0;
        for (JsonNode item : spec.path("dataFrom")) {
            String at = "spec.dataFrom[" + i++ + "]";
            for (String unsupported : List.of("find", "rewrite", "sourceRef")) {
                if (item.has(unsupported)) {
                    throw f.error(at + "." + unsupported + " is not supported by Mooring", "name each secret with extract or data");
                }
            }
            if (!item.has("extract")) {
                throw f.error(at + " has no extract", null);
            }
            dataFrom.add(remoteRef(item.path("extract"), at + ".extract", f));
        }
        if (data.isEmpty() && dataFrom.isEmpty()) {
            throw f.error("has neither spec.data nor spec.dataFrom", "say which values to read");
        }
        return new ExternalSecret(name, namespace, new StoreRef(storeName, storeKind), refresh, target(spec.path("target"), name, f), data,
                dataFrom, source, line);
    }

    private static Target target(JsonNode target, String defaultName, Fields f) {
        CreationPolicy policy = switch (target.path("creationPolicy").asText("Owner")) {
            case "Owner" -> CreationPolicy.OWNER;
            case "None" -> CreationPolicy.NONE;
            case "Orphan", "Merge" -> throw f.error("spec.target.creationPolicy " + target.path("creationPolicy").asText()
                    + " is not supported: Mooring applies and owns the Secret it makes, and prunes it with the application",
                    "use Owner (the default)");
            default -> throw f.error("spec.target.creationPolicy is " + target.path("creationPolicy").asText(), "use Owner or None");
        };
        ObjectNode template = target.path("template") instanceof ObjectNode t ? t.deepCopy() : JsonNodeFactory.instance.objectNode();
        if (template.has("templateFrom")) {
            throw f.error("spec.target.template.templateFrom is not supported", "write the templates in spec.target.template.data");
        }
        String engine = template.path("engineVersion").asText("v2");
        if (!engine.equals("v2")) {
            throw f.error("spec.target.template.engineVersion " + engine + " is not supported", "use v2 templates");
        }
        String merge = template.path("mergePolicy").asText("Replace");
        if (!merge.equals("Replace") && !merge.equals("Merge")) {
            throw f.error("spec.target.template.mergePolicy is " + merge, "use Replace or Merge");
        }
        return new Target(target.path("name").asText(defaultName), policy, template, target.path("immutable").asBoolean(false));
    }

    private static RemoteRef remoteRef(JsonNode ref, String at, Fields f) {
        Decoding decoding = switch (ref.path("decodingStrategy").asText("None")) {
            case "None" -> Decoding.NONE;
            case "Base64" -> Decoding.BASE64;
            case "Base64URL" -> Decoding.BASE64URL;
            case "Auto" -> Decoding.AUTO;
            default -> throw f.error(at + ".decodingStrategy is " + ref.path("decodingStrategy").asText(), "use None, Base64, Base64URL or Auto");
        };
        String metadataPolicy = ref.path("metadataPolicy").asText("None");
        if (!metadataPolicy.equals("None") && !metadataPolicy.equals("Fetch")) {
            throw f.error(at + ".metadataPolicy is " + metadataPolicy, "use None or Fetch");
        }
        return new RemoteRef(f.required(ref, at + ".key"), ref.path("property").asText(""), ref.path("version").asText(""),
                metadataPolicy.equals("Fetch"), decoding);
    }

    /** Field access with errors that name the object and the field. */
    record Fields(String id, String source, int line) {
        SecretException error(String problem, String hint) {
            return new SecretException(source, line, id + ": " + problem, hint);
        }

        String required(JsonNode parent, String path) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            String value = parent.path(field).asText("");
            if (value.isEmpty()) {
                throw error(path + " is required", null);
            }
            return value;
        }
    }
}
