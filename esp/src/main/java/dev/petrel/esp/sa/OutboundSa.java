package dev.petrel.esp.sa;

import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.suite.IvSource;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.esp.EspHeader;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * The sending side of an ESP SA: ESP encapsulation (RFC 4303 §3.3) in transport or tunnel mode, IPv4 or IPv6.
 *
 * <h2>Buffer contract</h2>
 * {@link #encapsulate} takes an IP packet in {@code buf[off, off+len)} (the packet to tunnel, or the packet to
 * protect in transport mode) and rewrites it in place: the caller leaves {@link #headroom()} octets before
 * {@code off} and {@link #tailroom()} octets after {@code off+len}. The payload is not moved; the ESP header and
 * IV (and, in tunnel mode, the outer IP header) are written into the headroom, and in transport mode the IP header
 * (with IPv6's hop-by-hop, routing and fragment headers) moves down by the ESP header and IV. Padding, trailer
 * and ICV go into the tailroom. The protected packet is {@code buf[result.offset(), +result.length())}.
 *
 * <h2>Tunnel mode outer header (RFC 4301 §5.1.2)</h2>
 * Built from the SA's addresses: TTL / hop limit 64, DSCP copied from the inner packet when
 * {@link SaParameters#copyDscp()}, else 0; ECN copied from the inner packet, the RFC 6040 §4.1 normal mode (which
 * updates RFC 4301 §5.1.2.1), so that routers on the path can mark congestion, which the decapsulator carries into
 * the inner packet (RFC 6040 §4.2, see {@link InboundSa}); IPv4 DF copied from an inner IPv4 packet (RFC 4301 §8.1),
 * clear for an inner IPv6 packet; IPv4 Identification from the low 16 bits of the sequence number; IPv6 flow label 0.
 *
 * <h2>Sequence numbers</h2>
 * Start at 1 and never wrap (RFC 4303 §3.3.3): the packet that uses the last number (2^32-1, or 2^64-1 with ESN)
 * raises a hard {@link LimitKind#SEQUENCE_NUMBERS} event, later packets are refused with
 * {@link DropReason#SEQUENCE_EXHAUSTED}; a soft event comes when 15/16 of the space is used.
 */
public final class OutboundSa extends EspSa implements OutboundProcessing {
    private static final int TUNNEL_TTL = 64;

    private final IvSource ivSource;
    private final SequenceCounter sequence;
    private final boolean tunnel;
    private final int outerHeaderLength;
    private final int outerVersion;

    /**
     * An SA with the IV source its suite calls for: the sequence number for the AEADs, a DRBG of its own for CBC.
     * The SA takes over and wipes the key arrays.
     */
    public OutboundSa(SaParameters parameters, byte[] encryptionKey, byte[] integrityKey) {
        this(parameters, encryptionKey, integrityKey, parameters.encryption().isAead() ? IvSource.sequenceNumber() : IvSource.random());
    }

    /** An SA with an injected IV source (known-answer tests). The SA takes over and wipes the key arrays. */
    public OutboundSa(SaParameters parameters, byte[] encryptionKey, byte[] integrityKey, IvSource ivSource) {
        super(parameters, encryptionKey, integrityKey, false);
        this.ivSource = ivSource;
        this.sequence = new SequenceCounter(parameters.extendedSequenceNumbers());
        this.tunnel = parameters.mode() == Mode.TUNNEL;
        this.outerVersion = remoteAddress.length == 4 ? 4 : 6;
        this.outerHeaderLength = outerVersion == 4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
    }

    @Override
    public int headroom() {
        return EspHeader.LENGTH + suite.ivLength() + (tunnel ? outerHeaderLength : 0);
    }

    @Override
    public int tailroom() {
        return suite.alignment() - 1 + EspHeader.TRAILER_LENGTH + suite.icvLength();
    }

    @Override
    public long sequenceNumber() {
        return sequence.last();
    }

    /**
     * Continues after {@code last}, e.g. when an SA is taken over from another node. The counter only moves forward,
     * so no sequence number (and no AEAD IV) is used twice.
     */
    @Override
    public void advanceSequenceNumber(long last) {
        sequence.advanceTo(last);
    }

    /**
     * Encapsulates the IP packet {@code buf[off, off+len)} in place (see the buffer contract above).
     *
     * @return true when {@code out} locates the ESP packet to send; false when {@code out} says why not
     */
    @Override
    public boolean encapsulate(byte[] buf, int off, int len, ProcessResult out) {
        if (!admit(sequence, buf, off, len, out)) {
            return false;
        }
        if (!layout.parse(buf, off, len)) {
            return drop(out, DropReason.MALFORMED);
        }
        int espPrefix = EspHeader.LENGTH + suite.ivLength();
        int packetLength = layout.packetLength();
        int payloadOff;
        int nextHeader;
        int start;
        int version;
        if (tunnel) {
            payloadOff = off;
            nextHeader = layout.version() == 4 ? IpProtocol.IPV4 : IpProtocol.IPV6;
            start = off - espPrefix - outerHeaderLength;
            version = outerVersion;
        } else {
            if (layout.isFragment()) {
                return drop(out, DropReason.MALFORMED); // RFC 4303 §3.1.1: whole datagrams only
            }
            payloadOff = layout.insertOffset();
            nextHeader = buf[layout.insertNextHeaderField()] & 0xff;
            start = off - espPrefix;
            version = layout.version();
        }
        int payloadLength = off + packetLength - payloadOff;
        int ciphertextLength = EspHeader.ciphertextLength(payloadLength, suite.alignment());
        int end = payloadOff + ciphertextLength + suite.icvLength();
        if (start < 0 || end > buf.length || end - start > IpLayout.maxPacketLength(version)) {
            return drop(out, DropReason.NO_ROOM);
        }
        // Read what the outer header copies before the inner packet is encrypted.
        int innerTrafficClass = IpLayout.trafficClass(buf, off);
        boolean dontFragment = layout.version() == 4 && Ipv4Header.dontFragment(buf, off);

        long seq = sequence.next();
        int espOff = payloadOff - espPrefix;
        if (!tunnel) {
            System.arraycopy(buf, off, buf, start, payloadOff - off);
            buf[layout.insertNextHeaderField() - espPrefix] = (byte) IpProtocol.ESP;
        }
        EspHeader.write(buf, espOff, parameters.spi(), (int) seq);
        ivSource.next(seq, buf, espOff + EspHeader.LENGTH, suite.ivLength());
        EspHeader.writeTrailer(buf, payloadOff, payloadLength, suite.alignment(), nextHeader);
        suite.protect(buf, espOff, ciphertextLength, (int) (seq >>> 32));
        int total = end - start;
        if (tunnel) {
            writeOuterHeader(buf, start, total, seq, innerTrafficClass, dontFragment);
        } else {
            IpLayout.setPacketLength(buf, start, total);
        }
        counters.countPacket(packetLength);
        out.raise(lifetime.count(ciphertextLength));
        sequence.raiseEvents(out);
        out.accept(start, total);
        return true;
    }

    private void writeOuterHeader(byte[] buf, int start, int total, long seq, int innerTrafficClass, boolean dontFragment) {
        // DSCP copied when configured (RFC 4301 §5.1.2.1); ECN copied, RFC 6040 §4.1 normal mode
        int trafficClass = (parameters.copyDscp() ? innerTrafficClass & 0xfc : 0) | (innerTrafficClass & 0x03);
        if (outerVersion == 4) {
            Ipv4Header.write(buf, start, trafficClass, total, (int) seq & 0xffff, dontFragment, TUNNEL_TTL, IpProtocol.ESP,
                    localAddress, remoteAddress);
        } else {
            Ipv6Header.write(buf, start, trafficClass, 0, total - Ipv6Header.LENGTH, IpProtocol.ESP, TUNNEL_TTL,
                    localAddress, remoteAddress);
        }
    }
}
