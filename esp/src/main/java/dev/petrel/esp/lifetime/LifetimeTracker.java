package dev.petrel.esp.lifetime;

/**
 * Counts an SA's use against its {@link LifetimeLimits}. The packet that reaches a limit is still processed and
 * carries the event; once a hard limit is reached {@link #expired()} is true and the SA refuses every further
 * packet. Not thread-safe: one per SA.
 */
public final class LifetimeTracker {
    private final LifetimeLimits limits;
    private long packets;
    private long bytes;
    private boolean soft;
    private boolean hard;

    public LifetimeTracker(LifetimeLimits limits) {
        this.limits = limits;
    }

    /** True once a hard limit was reached. */
    public boolean expired() {
        return hard;
    }

    /** True once a soft (or hard) limit was reached. */
    public boolean softExpired() {
        return soft;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Counts one packet of {@code octets} octets.
     *
     * @return the event this packet raised, or null
     */
    public LifetimeEvent count(int octets) {
        packets++;
        bytes += octets;
        if (!hard && (packets >= limits.hardPackets() || bytes >= limits.hardBytes())) {
            hard = true;
            soft = true;
            return LifetimeEvent.hard(packets >= limits.hardPackets() ? LimitKind.PACKETS : LimitKind.BYTES);
        }
        if (!soft && (packets >= limits.softPackets() || bytes >= limits.softBytes())) {
            soft = true;
            return LifetimeEvent.soft(packets >= limits.softPackets() ? LimitKind.PACKETS : LimitKind.BYTES);
        }
        return null;
    }
}
