package dev.petrel.esp.ah;

import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.Ipv4Header;

/**
 * Verifies and removes AH on inbound packets for one SA (RFC 4302 §3.4). Not thread-safe: one instance per SA
 * direction. Anti-replay stays with the SA; the order of RFC 4302 §3.4.3-§3.4.4 is:
 * <ol>
 *   <li>{@link #inspect} the packet and read its {@link #sequenceNumber()} (low 32 bits);</li>
 *   <li>the SA's replay window rejects it or, with ESN, infers the high 32 bits (RFC 4303 Appendix A2);</li>
 *   <li>{@link #open} verifies the ICV with those high bits and strips AH;</li>
 *   <li>only then does the SA advance its replay window.</li>
 * </ol>
 * Without ESN, step 1 may be skipped and {@code open(buf, off, len, 0)} called directly.
 *
 * <p>Buffer contract: the packet is {@code buf[off, off+len)}, where octets past its IP length (link-layer padding)
 * are ignored; {@link #open} rewrites it in place and the result, shorter and starting later, is {@code buf[packetOffset(), packetOffset()+packetLength())}. In transport
 * mode the IP header (and IPv6 extension headers before AH) move back over AH, with lengths and the IPv4 checksum
 * fixed; in tunnel mode the result is the inner packet. Network input never throws; nothing is allocated.
 */
public final class AhInbound extends AhProcessor {
    private int ahLength;
    private int sequenceNumber;

    /**
     * @param integrity the SA's inbound integrity transform; this object owns it from now on and wipes it in
     *     {@link #destroy()}
     * @param spi the SPI we chose for this SA
     * @param mode transport, or tunnel (the outer addresses are not checked here: the SAD found the SA by SPI)
     */
    public AhInbound(Integrity integrity, int spi, boolean esn, AhMode mode) {
        super(integrity, spi, esn, mode);
    }

    /**
     * Checks the IP header and AH's length, padding and SPI without verifying the ICV. After {@link AhStatus#OK},
     * {@link #sequenceNumber()} holds the packet's sequence number. The packet is not changed.
     */
    public AhStatus inspect(byte[] buf, int off, int len) {
        AhStatus s = findAh(buf, off, len);
        if (s != AhStatus.OK) {
            return s;
        }
        int ah = layout.ahOffset;
        if (ah + AhHeader.FIXED_LENGTH > layout.end) {
            return AhStatus.TRUNCATED;
        }
        // the length must be exactly the SA's ICV plus the minimum padding (RFC 4302 §3.3.3.2.1 forbids more)
        ahLength = AhHeader.length(integrity.icvLength(), layout.ipv6);
        if (AhHeader.lengthFromField(buf, ah) != ahLength) {
            return AhStatus.BAD_PAYLOAD_LENGTH;
        }
        if (ah + ahLength > layout.end) {
            return AhStatus.TRUNCATED;
        }
        if (AhHeader.spi(buf, ah) != spi) {
            return AhStatus.SPI_MISMATCH;
        }
        sequenceNumber = AhHeader.sequenceNumber(buf, ah);
        return AhStatus.OK;
    }

    /**
     * Inspects, verifies the ICV (RFC 4302 §3.4.4) with {@code sequenceNumberHigh} as the high-order 32 bits of an
     * ESN (ignored without ESN), and on success removes AH. The packet is only changed on {@link AhStatus#OK}.
     */
    public AhStatus open(byte[] buf, int off, int len, int sequenceNumberHigh) {
        AhStatus s = inspect(buf, off, len);
        if (s != AhStatus.OK) {
            return s;
        }
        feedIcv(buf, ahLength, sequenceNumberHigh);
        int icv = layout.ahOffset + AhHeader.ICV;
        if (!integrity.verify(buf, icv)) {
            return AhStatus.ICV_MISMATCH;
        }
        return tunnel ? decapsulate(buf) : removeAh(buf);
    }

    /** Tunnel mode: the result is the inner packet, which must be IPv4 or IPv6 as AH's next header says. */
    private AhStatus decapsulate(byte[] buf) {
        int inner = layout.ahOffset + ahLength;
        int next = AhHeader.nextHeader(buf, layout.ahOffset);
        int version = inner < layout.end ? (buf[inner] & 0xff) >>> 4 : 0;
        if (!(next == IpProtocol.IPV4 && version == 4) && !(next == IpProtocol.IPV6 && version == 6)) {
            return AhStatus.BAD_INNER_PACKET;
        }
        packetOffset = inner;
        packetLength = layout.end - inner;
        return AhStatus.OK;
    }

    /** Transport mode: the headers before AH move up over it, and name AH's next header as theirs. */
    private AhStatus removeAh(byte[] buf) {
        int start = layout.ipOffset;
        buf[layout.nextHeaderOffset] = buf[layout.ahOffset + AhHeader.NEXT_HEADER];
        System.arraycopy(buf, start, buf, start + ahLength, layout.ahOffset - start);
        packetOffset = start + ahLength;
        packetLength = layout.end - packetOffset;
        AhLayout.setIpLength(buf, packetOffset, packetLength, layout.ipv6);
        if (!layout.ipv6) {
            Ipv4Header.updateChecksum(buf, packetOffset);
        }
        return AhStatus.OK;
    }

    /** The low 32 bits of the sequence number of the packet last inspected or opened with {@link AhStatus#OK}. */
    public int sequenceNumber() {
        return sequenceNumber;
    }
}
