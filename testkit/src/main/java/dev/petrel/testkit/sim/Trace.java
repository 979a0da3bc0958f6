package dev.petrel.testkit.sim;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} trace events; older ones fall off. */
final class Trace {
    private final int capacity;
    private final ArrayDeque<TraceEvent> events;

    Trace(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trace capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    void add(Instant time, TraceEvent.Kind kind, String detail) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(new TraceEvent(time, kind, detail));
    }

    List<TraceEvent> events() {
        return List.copyOf(events);
    }
}
