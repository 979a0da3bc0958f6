package dev.petrel.testkit.sim;

import java.time.Duration;
import java.time.Instant;

/** One line of a {@link SimulatedNetwork}'s trace: what happened at which virtual instant. */
public record TraceEvent(Instant time, Kind kind, String detail) {

    /** What the network did. */
    public enum Kind { SEND, DROP, DUPLICATE, DELIVER, UNDELIVERABLE, TIMER, CALLBACK }

    /** Time as an offset from {@link SimulatedNetwork#EPOCH}, then kind and detail. */
    @Override
    public String toString() {
        Duration t = Duration.between(SimulatedNetwork.EPOCH, time);
        return String.format("+%d.%09ds %-13s %s", t.getSeconds(), t.getNano(), kind, detail);
    }
}
