package dev.petrel.testkit.relay;

import java.util.List;

/**
 * What one direction of a relay did so far. Each datagram {@code received} is {@code dropped} (lost, or the link cut)
 * or goes on as one copy, plus one more when {@code duplicated}. A copy is sent at once, or {@code delayed} (its time
 * in flight waited out in the relay; {@code reordered} when that includes a reordering hold-back) unless the queue is
 * full ({@code overflow}). A copy sent is {@code forwarded}, or {@code failed} when the socket refused it; a delayed copy
 * still in flight at a cut counts as {@code dropped} too.
 */
public record TrafficStats(long received, long forwarded, long dropped, long duplicated, long reordered, long delayed,
        long overflow, long failed) {

    /** The counters' names in the stats line, in the order of the record's components. */
    static final List<String> NAMES =
            List.of("received", "forwarded", "dropped", "duplicated", "reordered", "delayed", "overflow", "failed");

    /** The counters in {@link #NAMES}' order. */
    List<Long> values() {
        return List.of(received, forwarded, dropped, duplicated, reordered, delayed, overflow, failed);
    }

    /** The counters from {@code values} in {@link #NAMES}' order. */
    static TrafficStats of(List<Long> values) {
        if (values.size() != NAMES.size()) {
            throw new IllegalArgumentException("need " + NAMES.size() + " counters, got " + values.size());
        }
        return new TrafficStats(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4), values.get(5),
                values.get(6), values.get(7));
    }
}
