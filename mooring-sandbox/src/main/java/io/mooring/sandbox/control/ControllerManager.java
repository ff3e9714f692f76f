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
        while (running) {
            try (Subscription events = api.store().watch(e -> controller.watches().contains(e.typeKey()), null, 1_000_000)) {
                long nextTick = 0;
                while (running) {
                    WatchEvent event = events.poll(TICK_MILLIS);
                    if (event != null) {
                        safely(controller, () -> controller.onEvent(event));
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
