package dev.petrel.esp.sa;

import dev.petrel.esp.result.ProcessResult;

/**
 * The sending side of an SA, ESP ({@link OutboundSa}) or AH ({@code dev.petrel.esp.ah.AhOutboundSa}), so that a caller
 * protects packets without knowing the protocol.
 *
 * <p>Buffer contract: {@link #encapsulate} takes an IP packet in {@code buf[off, off+len)} and rewrites it in place;
 * the caller leaves {@link #headroom()} octets before {@code off} and {@link #tailroom()} octets after
 * {@code off+len}. The protected packet is {@code buf[out.offset(), +out.length())}.
 */
public interface OutboundProcessing extends SecurityAssociation {
    /** Octets the caller leaves free before the packet. */
    int headroom();

    /** Octets the caller leaves free after the packet. */
    int tailroom();

    /** The sequence number of the last packet sent (0 before the first). */
    long sequenceNumber();

    /** Continues after {@code last}, e.g. when an SA is taken over from another node. Only moves forward. */
    void advanceSequenceNumber(long last);

    /**
     * Protects the IP packet {@code buf[off, off+len)} in place.
     *
     * @return true when {@code out} locates the packet to send; false when {@code out} says why not
     */
    boolean encapsulate(byte[] buf, int off, int len, ProcessResult out);
}
