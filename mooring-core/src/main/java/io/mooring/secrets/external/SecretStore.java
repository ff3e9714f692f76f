package io.mooring.secrets.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.secrets.SecretException;
import io.mooring.secrets.SecretObjects;

/**
 * A {@code SecretStore} or {@code ClusterSecretStore} ({@code external-secrets.io/v1}): where
 * ExternalSecrets read from. Providers: HashiCorp Vault's KV version 2 with token authentication,
 * and Mooring's own {@code file} provider (a YAML or JSON file under a directory the operator
 * configured), for local use.
 *
 * @param kind      {@code SecretStore} or {@code ClusterSecretStore}
 * @param name      its name
 * @param namespace its namespace; empty for a ClusterSecretStore
 * @param provider  what it reads
 */
public record SecretStore(String kind, String name, String namespace, Provider provider) {
    /** What a store reads. */
    public sealed interface Provider permits Vault, File {
    }

    /**
     * Vault's KV version 2 engine over HTTP.
     *
     * @param server    Vault's address, {@code https://vault.example:8200}
     * @param path      the KV engine's mount, {@code secret}
     * @param namespace the Vault Enterprise namespace; empty for none
     * @param token     the Secret that holds the token
     * @param caBundle  PEM certificates to trust for {@code server} (base64, as External Secrets takes it); empty for the JDK's
     */
    public record Vault(String server, String path, String namespace, TokenRef token, String caBundle) implements Provider {
    }

    /** @param namespace where the token Secret is: a SecretStore's own namespace, or what a ClusterSecretStore names */
    public record TokenRef(String name, String key, String namespace) {
    }

    /** @param path a file, relative to the directory the operator gave Mooring for file stores */
    public record File(String path) implements Provider {
    }

    public static boolean is(JsonNode object) {
        return SecretObjects.is(object, ExternalSecret.GROUP, "SecretStore") || SecretObjects.is(object, ExternalSecret.GROUP, "ClusterSecretStore");
    }

    /** {@code SecretStore namespace/name} or {@code ClusterSecretStore name}, for messages. */
    public String id() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /**
     * @param defaultNamespace the namespace a SecretStore without one lives in
     * @throws SecretException naming what Mooring cannot read
     */
    public static SecretStore parse(JsonNode object, String defaultNamespace, String source, int line) {
        String kind = object.path("kind").asText();
        boolean cluster = kind.equals("ClusterSecretStore");
        String name = object.path("metadata").path("name").asText("");
        String namespace = cluster ? "" : object.path("metadata").path("namespace").asText(defaultNamespace);
        if (namespace.isEmpty() && !cluster) {
            namespace = defaultNamespace;
        }
        ExternalSecret.Fields f = new ExternalSecret.Fields(kind + " " + (cluster ? "" : namespace + "/") + name, source, line);
        JsonNode provider = object.path("spec").path("provider");
        if (provider.has("vault")) {
            JsonNode vault = provider.path("vault");
            String version = vault.path("version").asText("v2");
            if (!version.equals("v2")) {
                throw f.error("spec.provider.vault.version " + version + " is not supported", "Mooring reads Vault's KV version 2");
            }
            JsonNode auth = vault.path("auth");
            if (!auth.has("tokenSecretRef")) {
                throw f.error("spec.provider.vault.auth: only tokenSecretRef is supported", "give a Secret holding a Vault token");
            }
            JsonNode ref = auth.path("tokenSecretRef");
            String tokenNamespace = ref.path("namespace").asText("");
            if (!cluster && !tokenNamespace.isEmpty() && !tokenNamespace.equals(namespace)) {
                throw f.error("spec.provider.vault.auth.tokenSecretRef.namespace is " + tokenNamespace + ": a SecretStore reads Secrets "
                        + "of its own namespace only", "move the token Secret to " + namespace + ", or use a ClusterSecretStore");
            }
            if (cluster && tokenNamespace.isEmpty()) {
                throw f.error("spec.provider.vault.auth.tokenSecretRef.namespace is required in a ClusterSecretStore", null);
            }
            String server = f.required(vault, "spec.provider.vault.server");
            if (!server.startsWith("http://") && !server.startsWith("https://")) {
                throw f.error("spec.provider.vault.server is not an http(s) URL", null);
            }
            return new SecretStore(kind, name, namespace, new Vault(server, vault.path("path").asText("secret"),
                    vault.path("namespace").asText(""), new TokenRef(f.required(ref, "spec.provider.vault.auth.tokenSecretRef.name"),
                    ref.path("key").asText("token"), cluster ? tokenNamespace : namespace), vault.path("caBundle").asText("")));
        }
        if (provider.has("file")) {
            return new SecretStore(kind, name, namespace, new File(f.required(provider.path("file"), "spec.provider.file.path")));
        }
        throw f.error("spec.provider names no provider Mooring reads", "use vault (KV version 2, token auth) or file");
    }
}
