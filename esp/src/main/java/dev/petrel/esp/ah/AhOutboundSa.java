package dev.petrel.esp.ah;

import dev.petrel.esp.lifetime.LifetimeEvent;
import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.SaParameters;

/**
 * The sending side of an AH SA (RFC 4302 §3.3), driving an {@link AhOutbound} with the SA's sequence numbers,
 * lifetime and counters. Buffer contract: {@link AhOutbound}'s; leave {@link #headroom()} octets before the packet.
 *
 * <p>Sequence numbers start at 1 and never wrap (RFC 4302 §3.3.2): the packet that uses the last number (2^32-1,
 * or 2^64-1 with ESN) raises a hard {@link LimitKind#SEQUENCE_NUMBERS} event, later packets are refused with
 * {@link DropReason#SEQUENCE_EXHAUSTED}; a soft event comes when 15/16 of the space is used.
 */
public final class AhOutboundSa extends AhSa {
    private final AhOutbound ah;
    private final long maxSequence;
    private final long softSequence;
    private final int headroom;
    private long sequence;
    private boolean sequenceSoftRaised;

    /** The SA takes over and wipes the key array. */
    public AhOutboundSa(SaParameters parameters, byte[] integrityKey) {
        super(parameters, false);
        this.ah = new AhOutbound(integrity(parameters, integrityKey), parameters.spi(), parameters.extendedSequenceNumbers(), mode(parameters));
        this.maxSequence = parameters.extendedSequenceNumbers() ? -1L : 0xffff_ffffL;
        this.softSequence = maxSequence - (maxSequence >>> 4);
        this.headroom = Math.max(ah.headroom(false), ah.headroom(true));
    }

    /** Octets the caller leaves free before the packet (enough for either IP family). */
    public int headroom() {
        return headroom;
    }

    /** Octets the caller leaves free after the packet: none, AH only grows the packet at the front. */
    public int tailroom() {
        return 0;
    }

    /** The sequence number of the last packet sent (0 before the first). */
    public long sequenceNumber() {
        return sequence;
    }

    /** Continues after {@code last}, e.g. when an SA is taken over from another node. Only moves forward. */
    public void advanceSequenceNumber(long last) {
        if (Long.compareUnsigned(last, sequence) < 0 || Long.compareUnsigned(last, maxSequence) > 0) {
            throw new IllegalArgumentException("sequence number can only move forward, up to " + Long.toUnsignedString(maxSequence));
        }
        sequence = last;
    }

    /**
     * Adds AH to the IP packet {@code buf[off, off+len)} in place.
     *
     * @return true when {@code out} locates the AH packet to send; false when {@code out} says why not
     */
    public boolean encapsulate(byte[] buf, int off, int len, ProcessResult out) {
        out.reset();
        if (!usable(out)) {
            return false;
        }
        if (sequence == maxSequence) {
            return drop(out, DropReason.SEQUENCE_EXHAUSTED);
        }
        if (off < 0 || len < 0 || off + len > buf.length) {
            return drop(out, DropReason.MALFORMED);
        }
        AhStatus s = ah.protect(buf, off, len, sequence + 1);
        if (s != AhStatus.OK) {
            return drop(out, s.dropReason());
        }
        sequence++;
        counters.countPacket(len);
        out.raise(lifetime.count(ah.packetLength()));
        if (!sequenceSoftRaised && Long.compareUnsigned(sequence, softSequence) >= 0) {
            sequenceSoftRaised = true;
            out.raise(LifetimeEvent.soft(LimitKind.SEQUENCE_NUMBERS));
        }
        if (sequence == maxSequence) {
            out.raise(LifetimeEvent.hard(LimitKind.SEQUENCE_NUMBERS));
        }
        out.accept(ah.packetOffset(), ah.packetLength());
        return true;
    }

    @Override
    void wipe() {
        ah.destroy();
    }
}
