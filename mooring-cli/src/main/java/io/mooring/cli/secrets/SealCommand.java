package io.mooring.cli.secrets;

import io.mooring.resource.ManifestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.secrets.Pem;
import io.mooring.secrets.SealedSecret;
import io.mooring.secrets.Sealer;
import io.mooring.secrets.SealingScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring seal}: a Secret sealed for a cluster, as kubeseal seals it. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Seal a Secret into a SealedSecret (bitnami.com/v1alpha1) that only the cluster can unseal, safe to commit.",
                "The Secret comes from a manifest (-f, or stdin) or from --from-literal/--from-file, as with kubectl create secret.",
                "The certificate comes from --cert, or from the cluster (the ConfigMap Mooring publishes it in)."})
public final class SealCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "A Secret manifest ('-' for stdin).")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "The Secret's name (overrides the manifest's).")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The Secret's namespace (overrides the manifest's).")
    String namespace;

    @Option(names = "--from-literal", paramLabel = "KEY=VALUE", description = "A value (it stays in your shell history: prefer --from-file).")
    List<String> literals = new ArrayList<>();

    @Option(names = "--from-file", paramLabel = "[KEY=]PATH", description = "A file's content; the key is the file name unless given.")
    List<String> files = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", description = "The Secret's type with --from-literal/--from-file (default: Opaque).")
    String type;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "strict (namespace and name), namespace-wide or cluster-wide "
            + "(default: the manifest's annotations, else strict; with --merge-into, the SealedSecret's).")
    String scope;

    @Option(names = "--cert", paramLabel = "FILE", description = "The certificate to seal with (PEM), instead of fetching the cluster's.")
    Path cert;

    @Option(names = "--merge-into", paramLabel = "FILE", description = "Add or replace the given values in this SealedSecret file, "
            + "leaving its other values as they are.")
    Path mergeInto;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json (default: yaml; with --merge-into, the file's).")
    String output;

    @Mixin
    KeyRingOptions keyRing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SealingScope wanted;
        try {
            wanted = scope == null ? null : SealingScope.parse(scope);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
        JsonNode secret = secret();
        Sealer sealer = new Sealer(publicKey(), new SecureRandom());
        if (mergeInto != null) {
            List<JsonNode> existing = SecretsIo.read(mergeInto);
            if (existing.size() != 1 || !SealedSecret.is(existing.getFirst())) {
                throw new ManifestException(mergeInto + " does not hold one SealedSecret");
            }
            ObjectNode merged = sealer.merge(existing.getFirst(), secret, wanted);
            String format = output != null ? output : mergeInto.toString().endsWith(".json") ? "json" : "yaml";
            SecretsIo.replace(mergeInto, SecretsIo.format(merged, format));
            spec.commandLine().getErr().println("merged " + SecretObjectsKeys.of(secret) + " into " + mergeInto);
            return 0;
        }
        spec.commandLine().getOut().print(SecretsIo.format(sealer.seal(secret, wanted), output == null ? "yaml" : output));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The Secret to seal: the manifest's, or one made of the literals and files; name and namespace overridden when given. */
    private JsonNode secret() {
        ObjectNode secret;
        if (literals.isEmpty() && files.isEmpty()) {
            List<JsonNode> objects = SecretsIo.read(file);
            if (objects.size() != 1) {
                throw new ManifestException("expected one Secret, found " + objects.size() + " objects");
            }
            secret = ((ObjectNode) objects.getFirst()).deepCopy();
        } else {
            if (file != null) {
                throw new ManifestException("give a manifest (-f) or --from-literal/--from-file, not both");
            }
            secret = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
            secret.putObject("metadata");
            secret.put("type", type == null ? "Opaque" : type);
            ObjectNode data = secret.putObject("data");
            for (String literal : literals) {
                int eq = literal.indexOf('=');
                if (eq <= 0) {
                    throw new ManifestException("--from-literal takes KEY=VALUE");
                }
                data.put(literal.substring(0, eq), base64(literal.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
            }
            for (String entry : files) {
                int eq = entry.indexOf('=');
                Path path = Path.of(eq < 0 ? entry : entry.substring(eq + 1));
                String key = eq < 0 ? path.getFileName().toString() : entry.substring(0, eq);
                try {
                    data.put(key, base64(Files.readAllBytes(path)));
                } catch (IOException e) {
                    throw new ManifestException("cannot read " + path + ": " + e.getMessage());
                }
            }
        }
        ObjectNode metadata = secret.with("metadata");
        if (name != null) {
            metadata.put("name", name);
        }
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        if (mergeInto == null && metadata.path("name").asText("").isEmpty()) {
            throw new ManifestException("the Secret has no name: give --name");
        }
        return secret;
    }

    private PublicKey publicKey() {
        X509Certificate certificate;
        if (cert != null) {
            try {
                certificate = Pem.certificates(Files.readString(cert)).getFirst();
            } catch (IOException e) {
                throw new ManifestException("cannot read " + cert + ": " + e.getMessage());
            }
        } else {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                certificate = cluster.store().certificate().orElseThrow(() -> new ManifestException("the cluster has no sealing key in "
                        + "namespace " + keyRing.namespace + " (the controller makes one at start; or run 'mooring secrets keys rotate')"));
            }
        }
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
            throw new ManifestException("the certificate expired on " + certificate.getNotAfter().toInstant()
                    + ": fetch the cluster's current one");
        }
        return certificate.getPublicKey();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The keys a Secret gives, for the message after a merge (never the values). */
    private static final class SecretObjectsKeys {
        static String of(JsonNode secret) {
            List<String> keys = new ArrayList<>(io.mooring.secrets.SecretObjects.values(secret).keySet());
            return (keys.size() == 1 ? "key " : "keys ") + String.join(", ", keys);
        }
    }
}
