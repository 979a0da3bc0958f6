package dev.petrel.testkit.sim;

import java.time.Instant;

/** Why {@link SimulatedNetwork#run} returned, the virtual time then, and how many events it ran. */
public record RunResult(Outcome outcome, Instant time, long events) {

    /** The bound that ended a run. */
    public enum Outcome {
        /** The caller's condition became true. */
        DONE,
        /** Nothing was left to do: no datagram in flight, no host timer, no callback. */
        IDLE,
        /** The next event lay beyond the time limit; the clock stands at the limit. */
        TIME_LIMIT,
        /** The event budget ran out. */
        EVENT_LIMIT
    }

    /** Whether the caller's condition was met. */
    public boolean done() {
        return outcome == Outcome.DONE;
    }
}
