package io.mooring.render.kustomize;

import io.mooring.resource.ManifestException;

/** A kustomize build error; messages keep kustomize's wording where users search for it. */
final class KustomizeException extends ManifestException {
    KustomizeException(String problem) {
        super(null, 0, problem, null);
    }

    KustomizeException(String source, String problem, String hint) {
        super(source, 0, problem, hint);
    }

    /** Prefixes the context kustomize prints ("accumulating resources: ..."). */
    static ManifestException wrap(String prefix, ManifestException cause) {
        return new ManifestException(cause.source(), cause.line(), prefix + ": " + cause.problem(), cause.hint(), cause);
    }
}
