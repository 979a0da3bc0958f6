package dev.petrel.esp.ah;

import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.OutboundProcessing;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SequenceCounter;

/**
 * The sending side of an AH SA (RFC 4302 §3.3), driving an {@link AhOutbound} with the SA's sequence numbers,
 * lifetime and counters. Buffer contract: {@link AhOutbound}'s; leave {@link #headroom()} octets before the packet.
 * In tunnel mode the outer header carries the inner packet's ECN field (RFC 6040 §4.1 normal mode) and, when
 * {@link SaParameters#copyDscp()}, its DSCP (RFC 4301 §5.1.2.1).
 *
 * <p>Sequence numbers start at 1 and never wrap (RFC 4302 §3.3.2): the packet that uses the last number (2^32-1,
 * or 2^64-1 with ESN) raises a hard {@link LimitKind#SEQUENCE_NUMBERS} event, later packets are refused with
 * {@link DropReason#SEQUENCE_EXHAUSTED}; a soft event comes when 15/16 of the space is used.
 */
public final class AhOutboundSa extends AhSa implements OutboundProcessing {
    private final AhOutbound ah;
    private final SequenceCounter sequence;
    private final int headroom;

    /** The SA takes over and wipes the key array. */
    public AhOutboundSa(SaParameters parameters, byte[] integrityKey) {
        super(parameters, false);
        this.ah = new AhOutbound(integrity(parameters, integrityKey), parameters.spi(), parameters.extendedSequenceNumbers(), mode(parameters));
        this.sequence = new SequenceCounter(parameters.extendedSequenceNumbers());
        this.headroom = Math.max(ah.headroom(false), ah.headroom(true));
    }

    /** Octets the caller leaves free before the packet (enough for either IP family). */
    @Override
    public int headroom() {
        return headroom;
    }

    /** Octets the caller leaves free after the packet: none, AH only grows the packet at the front. */
    @Override
    public int tailroom() {
        return 0;
    }

    @Override
    public long sequenceNumber() {
        return sequence.last();
    }

    @Override
    public void advanceSequenceNumber(long last) {
        sequence.advanceTo(last);
    }

    /**
     * Adds AH to the IP packet {@code buf[off, off+len)} in place.
     *
     * @return true when {@code out} locates the AH packet to send; false when {@code out} says why not
     */
    @Override
    public boolean encapsulate(byte[] buf, int off, int len, ProcessResult out) {
        if (!admit(sequence, buf, off, len, out)) {
            return false;
        }
        AhStatus s = ah.protect(buf, off, len, sequence.last() + 1);
        if (s != AhStatus.OK) {
            return drop(out, s.dropReason());
        }
        sequence.next();
        counters.countPacket(len);
        out.raise(lifetime.count(ah.packetLength()));
        sequence.raiseEvents(out);
        out.accept(ah.packetOffset(), ah.packetLength());
        return true;
    }

    @Override
    protected void wipeKeys() {
        ah.destroy();
    }
}
