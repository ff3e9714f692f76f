package io.mooring.cli.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cluster.Retrying;
import io.mooring.secrets.KeyRingStore;
import io.mooring.secrets.SealingKeys;
import io.mooring.secrets.SecretsSettings;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public demo sealing key of a platform repo ({@code secrets/demo-sealing-key.yaml}, as
 * examples/platform has), imported into the sandbox by {@code mooring up} so that the repo's sample
 * SealedSecrets unseal there. Only keys marked {@code mooring.io/demo-key: "true"} are taken: a
 * real key never belongs in a repo, and is never imported from one.
 */
public final class DemoKeys {
    static final String FILE = "secrets/demo-sealing-key.yaml";

    private DemoKeys() {
    }

    /** Imports the repo's demo keys into the sandbox's key ring; says so, loudly. */
    public static void importInto(KubernetesClient sandbox, Path platformRepo, PrintWriter out) {
        Path file = platformRepo.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        KeyRingStore store = new KeyRingStore(sandbox, SecretsSettings.defaults().keyNamespace(), Retrying.DEFAULT);
        for (JsonNode secret : SecretsIo.read(file)) {
            if (SealingKeys.isDemo(secret) && store.importKey(SealingKeys.fromSecret(secret), true)) {
                out.println("Imported the repo's PUBLIC demo sealing key (" + FILE + ") into the sandbox, so that its sample "
                        + "SealedSecrets unseal; never import it into a real cluster (docs/secrets.md).");
            }
        }
    }
}
