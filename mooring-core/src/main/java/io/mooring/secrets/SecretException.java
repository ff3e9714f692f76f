package io.mooring.secrets;

import io.mooring.resource.ManifestException;

/**
 * A secret that cannot be made: a SealedSecret that does not unseal, an ExternalSecret whose store
 * cannot be read. Says which object, where it came from and what to do; never carries a secret value.
 */
public final class SecretException extends ManifestException {
    public SecretException(String source, int line, String problem, String hint) {
        super(source, line, problem, hint);
    }

    public SecretException(String problem, String hint) {
        super(null, 0, problem, hint);
    }
}
