package dev.petrel.esp.sa;

import dev.petrel.esp.lifetime.LifetimeEvent;
import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;

/**
 * The outbound sequence number space of an ESP or AH SA (RFC 4303 §3.3.3, RFC 4302 §3.3.2). Numbers start at 1 and
 * never wrap: once the last number (2^32-1, or 2^64-1 with ESN) is used the counter is {@link #exhausted()} and the SA
 * refuses packets with {@link DropReason#SEQUENCE_EXHAUSTED}. {@link #raiseEvents} reports a soft
 * {@link LimitKind#SEQUENCE_NUMBERS} event once 15/16 of the space is used and a hard one with the last number.
 */
public final class SequenceCounter {
    private final long max;
    private final long soft;
    private long last;
    private boolean softRaised;

    public SequenceCounter(boolean extendedSequenceNumbers) {
        this.max = extendedSequenceNumbers ? -1L : 0xffff_ffffL;
        this.soft = max - (max >>> 4);
    }

    /** The sequence number of the last packet sent (0 before the first). */
    public long last() {
        return last;
    }

    /** True once the last number was used: no packet may be sent any more. */
    public boolean exhausted() {
        return last == max;
    }

    /** Uses the next number and returns it; call only when not {@link #exhausted()}. */
    public long next() {
        return ++last;
    }

    /**
     * Continues after {@code last}, e.g. when an SA is taken over from another node. The counter only moves forward,
     * so no sequence number (and no AEAD IV) is used twice.
     */
    public void advanceTo(long last) {
        if (Long.compareUnsigned(last, this.last) < 0 || Long.compareUnsigned(last, max) > 0) {
            throw new IllegalArgumentException("sequence number can only move forward, up to " + Long.toUnsignedString(max));
        }
        this.last = last;
    }

    /** Raises the soft event (once) and the hard event that the {@link #last()} number calls for. */
    public void raiseEvents(ProcessResult out) {
        if (!softRaised && Long.compareUnsigned(last, soft) >= 0) {
            softRaised = true;
            out.raise(LifetimeEvent.soft(LimitKind.SEQUENCE_NUMBERS));
        }
        if (last == max) {
            out.raise(LifetimeEvent.hard(LimitKind.SEQUENCE_NUMBERS));
        }
    }
}
