package dev.petrel.esp.lifetime;

/**
 * Soft and hard SA lifetimes in bytes and packets (RFC 4301 §4.4.2.1); {@link Long#MAX_VALUE} means no limit.
 * Time limits are the key management's: it owns the clock.
 */
public record LifetimeLimits(long softBytes, long hardBytes, long softPackets, long hardPackets) {
    public static final LifetimeLimits NONE = new LifetimeLimits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public LifetimeLimits {
        if (softBytes <= 0 || softPackets <= 0 || softBytes > hardBytes || softPackets > hardPackets) {
            throw new IllegalArgumentException("lifetime limits must be positive with soft <= hard: bytes "
                    + softBytes + "/" + hardBytes + ", packets " + softPackets + "/" + hardPackets);
        }
    }

    public static LifetimeLimits bytes(long soft, long hard) {
        return new LifetimeLimits(soft, hard, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public static LifetimeLimits packets(long soft, long hard) {
        return new LifetimeLimits(Long.MAX_VALUE, Long.MAX_VALUE, soft, hard);
    }
}
