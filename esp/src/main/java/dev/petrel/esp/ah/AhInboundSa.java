package dev.petrel.esp.ah;

import dev.petrel.esp.packet.Ecn;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.replay.ReplayWindow;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundProcessing;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;

/**
 * The receiving side of an AH SA (RFC 4302 §3.4), driving an {@link AhInbound}. Order of checks: lengths and SPI;
 * the sequence number (with ESN its high-order half inferred, RFC 4303 Appendix A2.2) against the replay window
 * before the ICV (§3.4.3); the ICV (§3.4.4); only then the window update, so that forged packets never move it;
 * last, the packet without AH must lie within the SA's traffic selectors: source in the remote ones, destination in
 * the local ones (RFC 4301 §5.2 step 4). Every failure is a counted {@link DropReason}; nothing from the network
 * throws. Buffer contract: {@link AhInbound}'s.
 *
 * <p>In tunnel mode the outer header's ECN field, read before AH is removed (TOS / traffic class is mutable, so not
 * covered by the ICV, RFC 4302 §3.3.3.1), is then combined into the inner packet as RFC 6040 §4.2 Figure 4 says
 * (updating RFC 4301 §5.1.2.1): see {@link dev.petrel.esp.sa.InboundSa} for the table in words; an outer CE on an
 * inner Not-ECT packet drops it as {@link DropReason#ECN_CE_ON_NOT_ECT}.
 */
public final class AhInboundSa extends AhSa implements InboundProcessing {
    private final AhInbound ah;
    private final ReplayWindow window;
    private final IpLayout layout = new IpLayout();
    private final PacketSelector selector = new PacketSelector();

    /** The SA takes over and wipes the key array. */
    public AhInboundSa(SaParameters parameters, byte[] integrityKey) {
        super(parameters, true);
        this.ah = new AhInbound(integrity(parameters, integrityKey), parameters.spi(), parameters.extendedSequenceNumbers(), mode(parameters));
        this.window = new ReplayWindow(parameters.replayWindow());
    }

    @Override
    public long highestSequenceNumber() {
        return window.top();
    }

    /**
     * Verifies and removes AH from the IP packet {@code buf[off, off+len)} in place.
     *
     * @return true when {@code out} locates the packet to deliver; false when {@code out} says why it was dropped
     */
    @Override
    public boolean decapsulate(byte[] buf, int off, int len, ProcessResult out) {
        if (!admit(buf, off, len, out)) {
            return false;
        }
        AhStatus s = ah.inspect(buf, off, len);
        if (s != AhStatus.OK) {
            return drop(out, s.dropReason());
        }
        int seqLow = ah.sequenceNumber();
        long seq = parameters.extendedSequenceNumbers() ? window.inferSequenceNumber(seqLow) : seqLow & 0xffff_ffffL;
        if (!window.check(seq)) {
            return drop(out, DropReason.REPLAY);
        }
        // RFC 6040 §4.2: the outer ECN field as it arrived (its IP header was validated by inspect), before open
        int outerEcn = parameters.mode() == Mode.TUNNEL ? Ecn.of(buf, off) : NO_OUTER_ECN;
        s = ah.open(buf, off, len, (int) (seq >>> 32));
        if (s != AhStatus.OK) {
            return drop(out, s.dropReason());
        }
        window.update(seq);
        out.raise(lifetime.count(len));
        if (!layout.parse(buf, ah.packetOffset(), ah.packetLength())) {
            return drop(out, DropReason.MALFORMED);
        }
        return deliver(layout, selector, buf, outerEcn, out);
    }

    @Override
    protected void wipeKeys() {
        ah.destroy();
    }
}
