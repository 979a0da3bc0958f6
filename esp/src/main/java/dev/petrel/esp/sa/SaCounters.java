package dev.petrel.esp.sa;

import dev.petrel.esp.result.DropReason;

/**
 * Per-SA statistics: packets and bytes passed (for an outbound SA the packets it protected, measured before
 * protection; for an inbound SA those it delivered, measured after) and drops under each {@link DropReason}
 * (integrity failures, replays, selector mismatches, padding and format errors, dummy packets…). Updated by the
 * SA's one processing thread; read from others without tearing guarantees beyond those of {@code long} fields.
 */
public final class SaCounters {
    private long packets;
    private long bytes;
    private final long[] drops = new long[DropReason.values().length];

    public void countPacket(int octets) {
        packets++;
        bytes += octets;
    }

    public void countDrop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public long totalDrops() {
        long sum = 0;
        for (long d : drops) {
            sum += d;
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("packets=").append(packets).append(", bytes=").append(bytes);
        for (DropReason r : DropReason.values()) {
            if (drops[r.ordinal()] != 0) {
                sb.append(", ").append(r.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(drops[r.ordinal()]);
            }
        }
        return sb.toString();
    }
}
