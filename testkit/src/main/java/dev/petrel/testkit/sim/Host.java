package dev.petrel.testkit.sim;

import java.time.Instant;
import java.util.Optional;

/**
 * A simulated host: usually an adapter around a sans-I/O engine that turns the engine's actions into
 * {@link SimulatedNetwork#send} calls. The network calls it on its single thread, in virtual time.
 */
public interface Host {
    /** A datagram addressed to one of this host's addresses arrived at {@code now}. */
    void receive(Datagram datagram, Instant now);

    /** When this host next wants {@link #onTimer} called, if at all; asked again after every event. */
    Optional<Instant> nextTimer();

    /** The instant from {@link #nextTimer} has come (or passed, if it was already due when asked). */
    void onTimer(Instant now);
}
