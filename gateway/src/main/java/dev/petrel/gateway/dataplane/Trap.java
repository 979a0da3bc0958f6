package dev.petrel.gateway.dataplane;

import java.util.ArrayDeque;

/**
 * A trap policy's handle (swanctl's {@code start_action = trap}, or a {@code dpd_action}/{@code close_action} of
 * trap): no SA yet. The first packets that match are held, a few at most, and the control plane is asked to negotiate
 * the CHILD_SA {@code child} of {@code connection} (an acquire, RFC 4301 §5.1 step 3c), at most once per
 * {@link #ACQUIRE_INTERVAL_NANOS}. The held packets and the acquire clock belong to the outbound worker.
 */
final class Trap implements Protection {
    /** Packets held while the CHILD_SA is negotiated; more are dropped, as the kernel's acquire queue drops. */
    static final int HELD = 8;
    /** Acquires for one trap at least this far apart; the control plane settles the rest. */
    static final long ACQUIRE_INTERVAL_NANOS = 1_000_000_000L;

    final String connection;
    final String child;
    /** Whole copies with {@link DataPlane#HEADROOM} and {@link DataPlane#TAILROOM} around the packet. */
    final ArrayDeque<byte[]> held = new ArrayDeque<>(HELD);
    long nextAcquire;

    Trap(String connection, String child, long now) {
        this.connection = connection;
        this.child = child;
        this.nextAcquire = now;
    }

    /** The name of the trap of {@code child} of {@code connection}. */
    static String name(String connection, String child) {
        return "trap-" + connection + "/" + child;
    }

    @Override
    public String toString() {
        return "Trap[" + connection + "/" + child + ", " + held.size() + " held]";
    }
}
