package dev.petrel.esp.sa;

import dev.petrel.esp.packet.Ecn;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.replay.ReplayWindow;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.esp.EspHeader;

/**
 * The receiving side of an ESP SA: ESP decapsulation (RFC 4303 §3.4) in transport or tunnel mode, IPv4 or IPv6.
 *
 * <h2>Buffer contract</h2>
 * {@link #decapsulate} takes an IP packet carrying ESP (IP protocol 50; with UDP encapsulation, RFC 3948, the
 * caller removes the UDP header first) in {@code buf[off, off+len)} and works in place, needing no extra room: the
 * result is the inner packet (tunnel mode) or the packet with ESP removed and its IP header moved up to the
 * payload (transport mode), at {@code buf[result.offset(), +result.length())}.
 *
 * <h2>Order of checks (RFC 4303 §3.4, RFC 4301 §5.2)</h2>
 * Lengths and SPI; the sequence number (with ESN its high-order half inferred, Appendix A2.2) against the replay
 * window, before any cryptography; the ICV, then decryption; only then the window update (§3.4.3), so a forged
 * packet never moves it, and the lifetime count. Then padding: Pad Length must fit and the pad octets must be
 * 1, 2, 3… as the default padding of §2.4 makes them (the check RFC 4303 §2.4 lets the receiver make; strongSwan's
 * libipsec makes it too). A dummy packet (Next Header 59, §2.6) is dropped and counted. In tunnel mode, octets
 * after the inner packet's own length are TFC padding (§2.7) and are removed. Last, the packet must lie within the
 * SA's traffic selectors: source in the remote ones, destination in the local ones (RFC 4301 §5.2 step 4).
 * Every failure is a {@link DropReason}, counted; nothing from the network throws.
 *
 * <h2>ECN in tunnel mode (RFC 6040 §4.2, updating RFC 4301 §5.1.2.1)</h2>
 * The outer header's ECN field is read as the packet arrives, before the inner packet is decrypted in place; once
 * the inner packet has passed every check above, the selectors included, the two combine as RFC 6040 Figure 4
 * says: an outer CE marks an ECT(0) or ECT(1) inner packet CE; an outer ECT(1) turns an inner ECT(0) into ECT(1);
 * an inner CE stays CE; an inner Not-ECT packet is delivered unchanged, except under an outer CE, where it is
 * dropped as {@link DropReason#ECN_CE_ON_NOT_ECT}; otherwise the inner field is kept. An inner IPv4 header that
 * changes gets its checksum updated incrementally. DSCP is not copied back (RFC 4301 §5.1.2.1).
 */
public final class InboundSa extends EspSa implements InboundProcessing {
    private final ReplayWindow window;
    private final PacketSelector selector = new PacketSelector();

    /** The SA takes over and wipes the key arrays. */
    public InboundSa(SaParameters parameters, byte[] encryptionKey, byte[] integrityKey) {
        super(parameters, encryptionKey, integrityKey, true);
        this.window = new ReplayWindow(parameters.replayWindow());
    }

    @Override
    public long highestSequenceNumber() {
        return window.top();
    }

    /** The replay window size after rounding (RFC 6479), 0 when anti-replay is off. */
    public int replayWindowSize() {
        return window.size();
    }

    /**
     * Sets the highest sequence number seen, e.g. when an SA is taken over from another node; moves only forward,
     * and the window below it counts as unseen.
     */
    public void restoreReplayState(long highest) {
        window.restore(highest);
    }

    /**
     * Decapsulates the IP packet {@code buf[off, off+len)} in place (see the buffer contract above).
     *
     * @return true when {@code out} locates the packet to deliver; false when {@code out} says why it was dropped
     */
    @Override
    public boolean decapsulate(byte[] buf, int off, int len, ProcessResult out) {
        if (!admit(buf, off, len, out)) {
            return false;
        }
        if (!layout.parse(buf, off, len) || layout.upperLayerProtocol() != IpProtocol.ESP || layout.isFragment()) {
            return drop(out, DropReason.MALFORMED);
        }
        boolean tunnel = parameters.mode() == Mode.TUNNEL;
        // RFC 6040 §4.2: the outer ECN field as it arrived, read before the inner packet is decrypted in place
        int outerEcn = tunnel ? Ecn.of(buf, off) : NO_OUTER_ECN;
        int espOff = layout.upperLayerOffset();
        int ivLength = suite.ivLength();
        int ciphertextOff = espOff + EspHeader.LENGTH + ivLength;
        int ciphertextLength = off + layout.packetLength() - ciphertextOff - suite.icvLength();
        if (ciphertextLength < EspHeader.TRAILER_LENGTH || ciphertextLength % suite.ciphertextBlock() != 0) {
            return drop(out, DropReason.MALFORMED);
        }
        if (EspHeader.spi(buf, espOff) != parameters.spi()) {
            return drop(out, DropReason.UNKNOWN_SPI);
        }
        int seqLow = EspHeader.sequenceNumber(buf, espOff);
        long seq = parameters.extendedSequenceNumbers() ? window.inferSequenceNumber(seqLow) : seqLow & 0xffff_ffffL;
        if (!window.check(seq)) {
            return drop(out, DropReason.REPLAY);
        }
        if (!suite.unprotect(buf, espOff, ciphertextLength, (int) (seq >>> 32))) {
            return drop(out, DropReason.INTEGRITY);
        }
        window.update(seq);
        out.raise(lifetime.count(ciphertextLength));

        int padLength = buf[ciphertextOff + ciphertextLength - 2] & 0xff;
        int nextHeader = buf[ciphertextOff + ciphertextLength - 1] & 0xff;
        int payloadLength = ciphertextLength - EspHeader.TRAILER_LENGTH - padLength;
        if (payloadLength < 0 || !defaultPadding(buf, ciphertextOff + payloadLength, padLength)) {
            return drop(out, DropReason.BAD_PADDING);
        }
        if (nextHeader == IpProtocol.NO_NEXT_HEADER) {
            return drop(out, DropReason.DUMMY);
        }
        if (tunnel) {
            // the inner packet; what follows its own length is TFC padding (RFC 4303 §2.7)
            int expectedVersion = nextHeader == IpProtocol.IPV4 ? 4 : nextHeader == IpProtocol.IPV6 ? 6 : -1;
            if (!layout.parse(buf, ciphertextOff, payloadLength) || layout.version() != expectedVersion) {
                return drop(out, DropReason.MALFORMED);
            }
        } else {
            int shift = EspHeader.LENGTH + ivLength;
            int headerLength = espOff - off;
            System.arraycopy(buf, off, buf, off + shift, headerLength);
            buf[layout.upperLayerNextHeaderField() + shift] = (byte) nextHeader;
            IpLayout.setPacketLength(buf, off + shift, headerLength + payloadLength);
            if (!layout.parse(buf, off + shift, headerLength + payloadLength)) {
                return drop(out, DropReason.MALFORMED);
            }
        }
        return deliver(layout, selector, buf, outerEcn, out);
    }

    /** RFC 4303 §2.4 default padding: octets 1, 2, 3… */
    private static boolean defaultPadding(byte[] buf, int off, int padLength) {
        int bad = 0;
        for (int i = 0; i < padLength; i++) {
            bad |= (buf[off + i] & 0xff) ^ (i + 1);
        }
        return bad == 0;
    }
}
