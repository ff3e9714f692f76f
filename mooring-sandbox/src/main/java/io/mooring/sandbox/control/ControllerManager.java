package io.mooring.sandbox.control;

import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs controllers, each on its own virtual thread fed by a store watch on its resources. A
 * controller that throws is logged and keeps running: like a real one, it retries on the next
 * event or tick. A controller whose watch falls behind restarts it.
 */
public final class ControllerManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final long TICK_MILLIS = 500;
    /** A controller acts on what it has seen at least this often while events keep coming. */
    private static final int MAX_BATCH = 1000;

    private final ResourceApi api;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public ControllerManager(ResourceApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    public void start(Controller controller) {
        Thread thread = Thread.ofVirtual().name("controller-" + controller.name()).start(() -> run(controller));
        threads.add(thread);
    }

    private void run(Controller controller) {
        boolean first = true;
        while (running) {
            if (!first) {
                safely(controller, controller::relist);
            }
            first = false;
            try (Subscription events = api.store().watch(e -> controller.watches().contains(e.typeKey()), null, 1_000_000)) {
                long nextTick = 0;
                while (running) {
                    WatchEvent event = events.poll(TICK_MILLIS);
                    int handled = 0;
                    while (event != null) {
                        WatchEvent current = event;
                        safely(controller, () -> controller.onEvent(current));
                        event = ++handled < MAX_BATCH ? events.poll(0) : null;
                    }
                    if (handled > 0) {
                        safely(controller, controller::caughtUp);
                    }
                    long now = System.currentTimeMillis();
                    if (now >= nextTick) {
                        safely(controller, () -> controller.tick(clock.instant()));
                        nextTick = now + TICK_MILLIS;
                    }
                }
            } catch (ApiException fellBehind) {
                LOG.warn("controller {} fell behind its watch; starting over", controller.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void safely(Controller controller, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.debug("controller {} failed, will retry: {}", controller.name(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
