package io.mooring.cli.secrets;

import io.mooring.resource.ManifestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.cli.Table;
import io.mooring.secrets.KeyRing;
import io.mooring.secrets.Pem;
import io.mooring.secrets.SealingKey;
import io.mooring.secrets.SealingKeys;
import io.mooring.secrets.SecretObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mooring secrets keys list|rotate|cert|export|import}: the key ring, through plain API
 * calls on Secrets and one ConfigMap, so RBAC on them decides who may do what.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List, renew, back up and restore the sealing keys.",
        subcommands = {KeysCommand.List.class, KeysCommand.Rotate.class, KeysCommand.Cert.class, KeysCommand.Export.class,
                KeysCommand.Import.class})
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys, newest (the one that seals) first.")
    static final class List implements Callable<Integer> {
        @Mixin
        KeyRingOptions keyRing;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                KeyRing ring = cluster.store().load();
                Table table = new Table("NAME", "FINGERPRINT", "CREATED", "EXPIRES", "SEALS");
                for (SealingKey key : ring.keys()) {
                    table.row(key.name(), key.fingerprint(), key.created(), key.expires(), key == ring.keys().getFirst() ? "yes" : "");
                }
                if (table.isEmpty()) {
                    spec.commandLine().getErr().println("No sealing keys in namespace " + keyRing.namespace + ".");
                } else {
                    table.print(spec.commandLine().getOut());
                }
                return 0;
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new key now; it seals from now on, and the older keys keep unsealing.",
                    "Re-seal your SealedSecrets afterwards if an old key may have leaked: renewing does not revoke."})
    static final class Rotate implements Callable<Integer> {
        @Mixin
        KeyRingOptions keyRing;

        @Option(names = "--bits", paramLabel = "N", description = "The RSA key size (default: ${DEFAULT-VALUE}).")
        int bits = SealingKeys.DEFAULT_BITS;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                SealingKey key = cluster.store().create(bits, Instant.now(), new SecureRandom());
                spec.commandLine().getOut().println("secret/" + key.name() + " created in namespace " + keyRing.namespace + " ("
                        + key.fingerprint() + "); it seals from now on");
                return 0;
            }
        }
    }

    @Command(name = "cert", mixinStandardHelpOptions = true, description = "Print the certificate to seal with (PEM), for 'mooring seal --cert'.")
    static final class Cert implements Callable<Integer> {
        @Mixin
        KeyRingOptions keyRing;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                spec.commandLine().getOut().print(Pem.of(cluster.store().certificate().orElseThrow(() ->
                        new ManifestException("the cluster has no sealing key in namespace " + keyRing.namespace))));
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print every key as a v1 List of Secrets, for a backup. The output holds the PRIVATE keys:",
                    "keep it where you keep your most sensitive backups, never in Git."})
    static final class Export implements Callable<Integer> {
        @Mixin
        KeyRingOptions keyRing;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml or json (default: yaml).")
        String output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "List");
                ArrayNode items = list.putArray("items");
                for (JsonNode secret : cluster.store().secrets()) {
                    ObjectNode item = items.addObject().put("apiVersion", "v1").put("kind", "Secret");
                    item.set("metadata", SecretObjects.userMetadata(secret.path("metadata")));
                    item.put("type", secret.path("type").asText());
                    item.set("data", secret.path("data"));
                }
                spec.commandLine().getOut().print(SecretsIo.format(list, output));
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().println("exported " + items.size() + " private keys: store them safely, never in Git");
                return 0;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Add keys to the ring: a backup from 'export', keys of a Sealed Secrets controller",
                    "(kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml), or a PEM key with its",
                    "certificate. Keys already in the ring are skipped; the newest key seals."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The keys.")
        Path file;

        @Mixin
        KeyRingOptions keyRing;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<JsonNode> secrets = file.toString().endsWith(".pem") ? java.util.List.of() : SecretsIo.read(file);
            java.util.List<SealingKey> keys = secrets.isEmpty() ? UnsealCommand.KeyFiles.read(file)
                    : secrets.stream().map(SealingKeys::fromSecret).toList();
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                for (int i = 0; i < keys.size(); i++) {
                    SealingKey key = keys.get(i);
                    boolean demo = i < secrets.size() && SealingKeys.isDemo(secrets.get(i));
                    if (demo) {
                        spec.commandLine().getErr().println("warning: " + key.name() + " is a DEMO key whose private half is public: "
                                + "anything sealed for it can be read by anyone. Import it into a sandbox only.");
                    }
                    boolean added = cluster.store().importKey(key, demo);
                    out.println((added ? "imported " : "already in the ring: ") + key.name() + " (" + key.fingerprint() + ")");
                }
                out.flush();
                return 0;
            }
        }
    }
}
