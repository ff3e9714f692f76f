package io.mooring.sandbox.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One watch on the store. Events wait in a bounded queue; a consumer too slow to keep up is cut
 * off (its next poll says so), as a real API server closes a watch that falls behind, and the
 * client re-lists.
 */
public final class Subscription implements AutoCloseable {
    private final Predicate<WatchEvent> filter;
    private final LinkedBlockingQueue<WatchEvent> queue;
    private final Consumer<Subscription> onClose;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscription(Predicate<WatchEvent> filter, int capacity, Consumer<Subscription> onClose) {
        this.filter = filter;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    void offer(WatchEvent event) {
        if (closed || overflowed || !filter.test(event)) {
            return;
        }
        if (!queue.offer(event)) {
            overflowed = true;
        }
    }

    /**
     * The next event, or null after {@code timeoutMillis} without one.
     *
     * @throws ApiException 410 when this watch fell too far behind and must be restarted
     */
    public WatchEvent poll(long timeoutMillis) throws InterruptedException {
        WatchEvent event = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (event == null && overflowed) {
            throw ApiException.gone("watch fell behind and was closed; list again and watch from the new resourceVersion");
        }
        return event;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
    }
}
