package io.mooring.metrics;

import java.time.Duration;

/**
 * What the control plane's core reports for metrics: Git fetches, renders and syncs. The core
 * knows only this interface; the web server's Micrometer registry implements it, so that the sync
 * engine and the controller do not depend on a metrics library, and a CLI run reports to
 * {@link #NONE}.
 */
public interface PlatformMetrics {
    /** Reports nothing. */
    PlatformMetrics NONE = new PlatformMetrics() {
    };

    /** A fetch of one repository ended; {@code result} is {@code success} or {@code failure}. */
    default void gitFetched(String result, Duration duration) {
    }

    /** A render ended; {@code renderer} is {@code plain}, {@code kustomize} or {@code helm}, {@code result} as above. */
    default void rendered(String renderer, String result, Duration duration) {
    }

    /** A sync ended; {@code result} is {@code Succeeded} or {@code Failed}, {@code trigger} {@code automated} or {@code manual}. */
    default void synced(String result, String trigger, Duration duration) {
    }
}
