package dev.petrel.testkit.relay;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind one direction's {@link TrafficStats}, updated from the relay's threads. */
final class TrafficCounters {
    final LongAdder received = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder reordered = new LongAdder();
    final LongAdder delayed = new LongAdder();
    final LongAdder overflow = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** Whether a failed send was reported on standard error: the first one is, the rest only counted. */
    final AtomicBoolean failureReported = new AtomicBoolean();

    TrafficStats snapshot() {
        return new TrafficStats(received.sum(), forwarded.sum(), dropped.sum(), duplicated.sum(), reordered.sum(),
                delayed.sum(), overflow.sum(), failed.sum());
    }
}
