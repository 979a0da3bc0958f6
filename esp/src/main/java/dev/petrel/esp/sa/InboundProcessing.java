package dev.petrel.esp.sa;

import dev.petrel.esp.result.ProcessResult;

/**
 * The receiving side of an SA, ESP ({@link InboundSa}) or AH ({@code dev.petrel.esp.ah.AhInboundSa}), so that a caller
 * unprotects packets without knowing the protocol. {@link #decapsulate} works in place and needs no extra room; the
 * result is {@code buf[out.offset(), +out.length())}. Nothing from the network throws: every failure is a counted drop.
 */
public interface InboundProcessing extends SecurityAssociation {
    /** The highest sequence number received and authenticated so far (0 before the first). */
    long highestSequenceNumber();

    /**
     * Verifies and removes the protection of the IP packet {@code buf[off, off+len)} in place.
     *
     * @return true when {@code out} locates the packet to deliver; false when {@code out} says why it was dropped
     */
    boolean decapsulate(byte[] buf, int off, int len, ProcessResult out);
}
