package io.mooring.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The heap that live objects take, after full collections: what a server keeps, less its garbage. */
final class Heap {
    private Heap() {
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
