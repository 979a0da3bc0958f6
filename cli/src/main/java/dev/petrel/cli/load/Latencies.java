package dev.petrel.cli.load;

import java.util.Arrays;

/**
 * The latencies of the handshakes that succeeded, in nanoseconds, and their percentiles by nearest rank: the p-th
 * percentile of n values is the ⌈p/100 · n⌉-th smallest. Holds at most {@code capacity} values (the run's count).
 */
final class Latencies {
    private final int capacity;
    private long[] values = new long[64];
    private int size;

    Latencies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative latency " + nanos);
        }
        if (size == capacity) {
            throw new IllegalStateException("more than " + capacity + " latencies");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * values.length));
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** p50, p90, p99 and the maximum in milliseconds, or null when nothing was measured. */
    LoadReport.Latency summary() {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new LoadReport.Latency(millis(rank(sorted, 50)), millis(rank(sorted, 90)), millis(rank(sorted, 99)),
                millis(sorted[size - 1]));
    }

    /** The nearest-rank percentile {@code p} (1-100) of ascending {@code sorted}. */
    static long rank(long[] sorted, int p) {
        if (p < 1 || p > 100 || sorted.length == 0) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[rank - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
