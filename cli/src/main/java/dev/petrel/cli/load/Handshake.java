package dev.petrel.cli.load;

import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.event.NegotiationFailed;
import java.nio.channels.DatagramChannel;

/**
 * One IKE SA of the load, in an engine of its own: numbering the engine's SAs is then trivial (there is one), its
 * timers cost nothing to find, and it is forgotten with the engine. What the engine reported is noted here and
 * judged by {@link LoadGenerator} after each batch of actions.
 */
final class Handshake {
    enum Phase { CONNECTING, KEPT, DELETING }

    final long number;
    final IkeEngine engine;
    final DatagramChannel channel;
    final Endpoint local;
    /** {@link System#nanoTime} at initiation. */
    final long started;
    Phase phase = Phase.CONNECTING;
    /** {@link System#nanoTime} by which this phase must end. */
    long deadline;
    /** Our IKE SPI, which the responder's datagrams carry as the initiator's. */
    long spi;
    long ikeSaId;
    boolean ikeUp;
    boolean childUp;
    boolean destroyed;
    /** The first failure the engine reported in this phase, if any. */
    NegotiationFailed failure;

    Handshake(long number, IkeEngine engine, DatagramChannel channel, Endpoint local, long started, long deadline) {
        this.number = number;
        this.engine = engine;
        this.channel = channel;
        this.local = local;
        this.started = started;
        this.deadline = deadline;
    }

    void enter(Phase next, long newDeadline) {
        phase = next;
        deadline = newDeadline;
        failure = null;
    }
}
