package io.mooring.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries of calls to the API server that may succeed when sent again: conflicts (409), throttling
 * (429), server errors (5xx) and lost connections. Anything else (a bad object, a forbidden verb) is
 * the caller's to report at once.
 *
 * @param attempts how many times in all
 * @param first    the wait after the first failure, doubled after each further one
 */
public record Retrying(int attempts, Duration first) {
    public static final Retrying DEFAULT = new Retrying(6, Duration.ofMillis(100));

    public <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                sleep(first.multipliedBy(1L << Math.min(attempt - 1, 10)));
            }
        }
    }

    public static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        return code == 0 || code == 409 || code == 429 || code >= 500;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while waiting to retry", e);
        }
    }
}
