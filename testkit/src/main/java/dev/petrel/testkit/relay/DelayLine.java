package dev.petrel.testkit.relay;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Datagram copies waiting out their time in flight, sent by one thread of their own when due: at most {@code capacity}
 * at once, so a slow link fills a bounded queue rather than memory. Copies due at the same instant go in the order
 * they were offered.
 */
final class DelayLine implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final DelayQueue<Due> queue = new DelayQueue<>();
    private final Semaphore room;
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;

    DelayLine(int capacity) {
        this.room = new Semaphore(capacity);
        this.thread = Thread.ofPlatform().name("relay-delay-line").daemon().start(this::run);
    }

    /** Runs {@code send} on the line's thread after {@code delay}; false, and nothing runs, when the line is full. */
    boolean offer(Duration delay, Runnable send) {
        if (!room.tryAcquire()) {
            return false;
        }
        queue.add(new Due(System.nanoTime() + delay.toNanos(), sequence.getAndIncrement(), send));
        return true;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Due due = queue.take();
                room.release();
                due.send().run();
            }
        } catch (InterruptedException e) {
            // closed: what still waits is dropped with the relay
        }
    }

    /** Stops the thread; copies still waiting are never sent. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One copy: due at {@code at} on the {@link System#nanoTime()} clock, {@code sequence} breaking ties. */
    private record Due(long at, long sequence, Runnable send) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Due o = (Due) other;
            int byTime = Long.compare(at - o.at, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }
}
