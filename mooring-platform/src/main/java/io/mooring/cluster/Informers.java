package io.mooring.cluster;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starting informers so that an API server that fails now and then (a 500, a restart, a dropped
 * connection) delays the controller instead of stopping it: fabric8 fails an informer's start on
 * the first failed list unless told to retry, and then the whole controller would not start.
 */
public final class Informers {
    private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

    private Informers() {
    }

    /**
     * Starts {@code informer} with retries of failed lists and watches (with fabric8's back-off); the
     * future completes once it has listed. Only an object that cannot be read at all is not retried.
     */
    public static <T> CompletableFuture<Void> start(SharedIndexInformer<T> informer, String what) {
        informer.exceptionHandler((started, failure) -> {
            if (ExceptionHandler.isDeserializationException(failure)) {
                LOG.error("{}: the API server sent what cannot be read, not retrying: {}", what, failure.getMessage());
                return false;
            }
            LOG.warn("{}: {} failed, retrying: {}", what, started ? "watch" : "list", failure.getMessage());
            return true;
        });
        return informer.start().toCompletableFuture();
    }

    /** {@link #start} and wait until it has listed. */
    public static <T> SharedIndexInformer<T> startAndWait(SharedIndexInformer<T> informer, String what, Duration timeout) {
        try {
            start(informer, what).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return informer;
        } catch (Exception e) {
            informer.close();
            throw new IllegalStateException(what + " could not be listed within " + timeout + ": " + e.getMessage(), e);
        }
    }
}
