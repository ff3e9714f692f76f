package io.mooring.secrets;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How Mooring keeps and uses secrets.
 *
 * @param keyNamespace where the key ring's Secrets and the published certificate live
 * @param renewPeriod  how often a new sealing key is made; zero: never by itself
 * @param keyBits      the RSA size of new keys
 * @param ringMaxAge   how long the sync step uses a key ring it read before reading it again
 * @param fileRoot     the directory that {@code file} secret stores read under; null: file stores are off
 */
public record SecretsSettings(String keyNamespace, Duration renewPeriod, int keyBits, Duration ringMaxAge, Path fileRoot) {
    /** The environment variable that names the file stores' directory. */
    public static final String FILE_ROOT_VARIABLE = "MOORING_SECRETS_DIR";

    public static SecretsSettings defaults() {
        return new SecretsSettings("mooring", KeyRing.RENEW_PERIOD, SealingKeys.DEFAULT_BITS, Duration.ofMinutes(1), null);
    }

    /** The defaults, with the file stores' directory from {@value #FILE_ROOT_VARIABLE} when it is set. */
    public static SecretsSettings fromEnvironment() {
        String root = System.getenv(FILE_ROOT_VARIABLE);
        return defaults().withFileRoot(root == null || root.isBlank() ? null : Path.of(root));
    }

    public SecretsSettings withFileRoot(Path root) {
        return new SecretsSettings(keyNamespace, renewPeriod, keyBits, ringMaxAge, root);
    }

    public SecretsSettings withKeyNamespace(String namespace) {
        return new SecretsSettings(namespace, renewPeriod, keyBits, ringMaxAge, fileRoot);
    }
}
