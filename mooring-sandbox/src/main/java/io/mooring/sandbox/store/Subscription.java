package io.mooring.sandbox.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One watch on the store. Each change passes through the watch's view (which may drop it, or
 * show it as another type, as a selector does), then waits in a bounded queue; a consumer too slow
 * to keep up is cut off (its next poll says so), as a real API server closes a watch that falls
 * behind, and the client lists again.
 */
public final class Subscription implements AutoCloseable {
    private final String typeKey;
    private final UnaryOperator<WatchEvent> view;
    private final LinkedBlockingQueue<WatchEvent> queue;
    private final Consumer<Subscription> onClose;
    private volatile long progress;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscription(String typeKey, UnaryOperator<WatchEvent> view, int capacity, long progress, Consumer<Subscription> onClose) {
        this.typeKey = typeKey;
        this.view = view;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.progress = progress;
        this.onClose = onClose;
    }

    /** The resource watched, or null for all of them. */
    String typeKey() {
        return typeKey;
    }

    /** Called under the store's lock, in revision order. */
    void offer(WatchEvent event) {
        if (closed || overflowed) {
            return;
        }
        WatchEvent seen = view.apply(event);
        if (seen != null && !queue.offer(seen)) {
            overflowed = true;
        }
        progress = event.revision();
    }

    /**
     * The revision up to which every change has been considered: when a poll started after
     * reading it finds the queue empty, the watch has delivered everything up to it, so a bookmark
     * may carry it.
     */
    public long progress() {
        return progress;
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
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
