package io.mooring.sandbox.state;

import io.mooring.sandbox.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a sandbox's objects in a state directory: loads the last save into the store at start,
 * saves again every interval when something changed, and once more on close. A process killed
 * without closing loses the writes since the last save.
 */
public final class StateKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateKeeper.class);
    /** The file in the state directory that holds the objects. */
    public static final String FILE_NAME = "objects.json";

    private final ObjectStore store;
    private final StateFile file;
    private final Duration interval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private final Thread saver;
    private long savedRevision;
    private boolean running = true;

    private StateKeeper(ObjectStore store, StateFile file, Duration interval, long savedRevision) {
        this.store = store;
        this.file = file;
        this.interval = interval;
        this.savedRevision = savedRevision;
        this.saver = Thread.ofVirtual().name("sandbox-state-saver").start(this::saveEveryInterval);
    }

    /**
     * Loads {@code directory}'s saved objects into {@code store} (which must be empty), so that
     * resourceVersions go on from the saved revision, and starts saving every {@code interval}.
     */
    public static StateKeeper open(ObjectStore store, Path directory, Duration interval) {
        StateFile file = new StateFile(directory.resolve(FILE_NAME));
        long revision = file.read().map(saved -> {
            store.load(saved.objects(), saved.revision());
            LOG.info("loaded {} objects at revision {} from {}", saved.size(), saved.revision(), file.path());
            return saved.revision();
        }).orElse(0L);
        return new StateKeeper(store, file, interval, revision);
    }

    public Path path() {
        return file.path();
    }

    /** Saves now if anything was written since the last save; returns whether it wrote the file. */
    public boolean save() {
        lock.lock();
        try {
            StateFile.Saved saved = store.atomically(() -> new StateFile.Saved(store.revision(), store.dump()));
            if (saved.revision() == savedRevision) {
                return false;
            }
            file.write(saved);
            savedRevision = saved.revision();
            LOG.debug("saved {} objects at revision {} to {}", saved.size(), saved.revision(), file.path());
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void saveEveryInterval() {
        lock.lock();
        try {
            while (running) {
                stopped.awaitNanos(interval.toNanos());
                if (running) {
                    saveLogged();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** A periodic save that fails (a full disk) is retried at the next interval rather than ending the saver. */
    private void saveLogged() {
        try {
            save();
        } catch (RuntimeException e) {
            LOG.warn("cannot save the sandbox's state, will retry: {}", e.getMessage());
        }
    }

    /** Stops the periodic saves and saves the last changes. */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            saver.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }
}
