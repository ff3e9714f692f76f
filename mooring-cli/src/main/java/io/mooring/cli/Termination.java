package io.mooring.cli;

import com.marcnuri.helm.Helm;
import sun.misc.Signal;

import java.util.List;

/**
 * Long-running commands ({@code up}, {@code controller}) must stop cleanly on Ctrl-C and on
 * SIGTERM (what Kubernetes sends a pod), running their shutdown hooks. Helm's native library is
 * a Go runtime that, once loaded, takes SIGINT and SIGTERM for itself: the JVM never hears them and
 * the process runs on. Its Go code may take them again at any later call (a render), so the JVM's
 * way of ending on a signal (exit 128 + the signal's number, shutdown hooks run) is installed
 * again after the library loads and then once a second: a few system calls, and a signal is never
 * lost for more than that second.
 */
final class Termination {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    private Termination() {
    }

    static void onSignalsRunShutdownHooks() {
        try {
            Helm.version().call();
        } catch (RuntimeException | LinkageError e) {
            // No Helm library on this platform: no Go runtime took the signals either.
        }
        install();
        Thread.ofPlatform().daemon().name("mooring-signals").start(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                install();
            }
        });
    }

    private static void install() {
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
        }
    }
}
