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

    /** Called about twice a second, for work that depends on time passing (a pod becoming ready). */
    default void tick(Instant now) {
    }
}
