package io.mooring.sandbox.control;

import io.mooring.sandbox.store.WatchEvent;

import java.time.Instant;
import java.util.Set;

/**
 * A simulated controller (what kube-controller-manager, the scheduler or a kubelet would do).
 * It is woken by changes to the resources it watches and by a clock tick, one call at a time, and
 * writes through the in-process API like any client.
 */
public interface Controller {
    /** A short name for logs. */
    String name();

    /** The resources whose changes wake it, as {@code group/plural} ({@code apps/deployments}, {@code /pods}). */
    Set<String> watches();

    /** One change; at start, every existing object arrives as ADDED. */
    void onEvent(WatchEvent event);

    /**
     * Called after a run of events, when none is waiting (or after many in a row): the moment to
     * act on what they changed, once for many changes, rather than once per event.
     */
    default void caughtUp() {
    }

    /**
     * The watch starts over after falling behind: every existing object arrives as ADDED again,
     * so what the controller remembers of objects must be forgotten first.
     */
    default void relist() {
    }

    /** Called about twice a second, for work that depends on time passing (a pod becoming ready). */
    default void tick(Instant now) {
    }
}
