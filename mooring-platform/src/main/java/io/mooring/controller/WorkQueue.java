package io.mooring.controller;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Keys waiting to be reconciled, as client-go's work queue: a key queued twice is reconciled once;
 * a key is never handed to two workers at once (queued again while in work, it runs again after);
 * delayed adds wait in a timer queue. Events can arrive in bursts (a thousand objects of one
 * application changing) and cost one reconcile.
 */
public final class WorkQueue<K> {
    private final LinkedHashSet<K> ready = new LinkedHashSet<>();
    private final Set<K> working = new HashSet<>();
    private final Set<K> again = new HashSet<>();
    private final DelayQueue<Later<K>> later = new DelayQueue<>();
    private boolean closed;

    private record Later<K>(K key, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Later<?>) other).dueNanos);
        }
    }

    public synchronized void add(K key) {
        if (closed) {
            return;
        }
        if (working.contains(key)) {
            again.add(key);
            return;
        }
        if (ready.add(key)) {
            notifyAll();
        }
    }

    /** Adds the key after {@code delay} (a retry's backoff, the next poll). */
    public void addAfter(K key, Duration delay) {
        later.add(new Later<>(key, System.nanoTime() + delay.toNanos()));
        synchronized (this) {
            notifyAll();
        }
    }

    /** The next key to work on, waiting for one; null once the queue is closed. */
    public synchronized K take() throws InterruptedException {
        while (true) {
            if (closed) {
                return null;
            }
            for (Later<K> due = later.poll(); due != null; due = later.poll()) {
                if (!working.contains(due.key())) {
                    ready.add(due.key());
                } else {
                    again.add(due.key());
                }
            }
            if (!ready.isEmpty()) {
                K key = ready.iterator().next();
                ready.remove(key);
                working.add(key);
                return key;
            }
            Later<K> next = later.peek();
            long waitMillis = next == null ? 1000 : Math.max(1, next.getDelay(TimeUnit.MILLISECONDS));
            wait(Math.min(waitMillis, 1000));
        }
    }

    /** Marks the key's work finished; queued again meanwhile, it is ready again. */
    public synchronized void done(K key) {
        working.remove(key);
        if (again.remove(key)) {
            ready.add(key);
            notifyAll();
        }
    }

    /** Whether nothing is queued, due later, or in work. */
    public synchronized boolean idle() {
        return ready.isEmpty() && working.isEmpty() && again.isEmpty() && later.isEmpty();
    }

    public synchronized int size() {
        return ready.size() + later.size();
    }

    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
