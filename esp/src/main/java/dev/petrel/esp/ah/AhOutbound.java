package dev.petrel.esp.ah;

import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * Adds AH to outbound packets for one SA (RFC 4302 §3.1, §3.3). Not thread-safe: one instance per SA direction,
 * driven by the SA, which assigns sequence numbers (§3.3.2) and so decides when the SA must be rekeyed.
 *
 * <p>Buffer contract: {@link #protect} takes one whole IP packet in {@code buf[off, off+len)} (in transport mode,
 * octets past its IP length are ignored), rewrites it in place and grows it towards the front: it needs
 * {@link #headroom} free octets before {@code off} and no tailroom. The
 * result is {@code buf[packetOffset(), packetOffset()+packetLength())}. Nothing is allocated per packet.
 */
public final class AhOutbound extends AhProcessor {
    private static final int DEFAULT_TTL = 64;
    private final byte[] tunnelLocal;
    private final byte[] tunnelRemote;
    private final boolean copyDscp;

    /**
     * @param integrity the SA's outbound integrity transform (from {@code Transforms.integrity}); this object owns it
     *     from now on and wipes it in {@link #destroy()}
     * @param spi the SPI the peer chose for this SA
     * @param esn whether the SA uses extended sequence numbers (RFC 4302 §2.5.1)
     */
    public AhOutbound(Integrity integrity, int spi, boolean esn, AhMode mode) {
        super(integrity, spi, esn, mode);
        if (mode instanceof AhMode.Tunnel t) {
            tunnelLocal = t.local();
            tunnelRemote = t.remote();
            copyDscp = t.copyDscp();
        } else {
            tunnelLocal = null;
            tunnelRemote = null;
            copyDscp = false;
        }
    }

    /** Octets {@link #protect} adds in front of a packet of the given family. */
    public int headroom(boolean ipv6Packet) {
        if (tunnelLocal == null) {
            return AhHeader.length(integrity.icvLength(), ipv6Packet);
        }
        boolean outer6 = tunnelLocal.length == 16;
        return (outer6 ? 40 : 20) + AhHeader.length(integrity.icvLength(), outer6);
    }

    /**
     * Protects the packet with sequence number {@code sequenceNumber}: its low 32 bits go in the header, and with
     * ESN the high 32 bits into the ICV (RFC 4302 §2.5, §3.3.3.2.2). Without ESN the number must fit in 32 bits.
     *
     * @return {@link AhStatus#OK}, after which {@link #packetOffset()} and {@link #packetLength()} locate the result;
     *     else why the packet cannot be protected, with the buffer unchanged
     */
    public AhStatus protect(byte[] buf, int off, int len, long sequenceNumber) {
        if (!esn && sequenceNumber >>> 32 != 0) {
            throw new IllegalArgumentException("a sequence number above 2^32-1 needs ESN; the SA must be rekeyed before");
        }
        return tunnelLocal == null ? transport(buf, off, len, sequenceNumber) : tunnel(buf, off, len, sequenceNumber);
    }

    /** Transport mode: AH goes after the IP header and the IPv6 extension headers that precede it (RFC 4302 §3.1.1). */
    private AhStatus transport(byte[] buf, int off, int len, long seq) {
        AhStatus s = layout.parseIp(buf, off, len);
        if (s == AhStatus.OK) {
            s = layout.findInsertionPoint(buf);
        }
        if (s != AhStatus.OK) {
            return s;
        }
        int ahLength = AhHeader.length(integrity.icvLength(), layout.ipv6);
        int total = layout.end - off + ahLength;
        if (off < ahLength) {
            return AhStatus.NO_HEADROOM;
        }
        if (total - (layout.ipv6 ? Ipv6Header.LENGTH : 0) > 65535) {
            return AhStatus.TOO_BIG;
        }
        int start = off - ahLength;
        int moved = layout.ahOffset - off;
        int nextHeader = buf[layout.nextHeaderOffset] & 0xff;
        System.arraycopy(buf, off, buf, start, moved);
        buf[layout.nextHeaderOffset - ahLength] = (byte) IpProtocol.AH;
        AhHeader.write(buf, start + moved, nextHeader, ahLength, spi, (int) seq);
        AhLayout.setIpLength(buf, start, total, layout.ipv6);
        return sign(buf, start, total, ahLength, seq);
    }

    /** Tunnel mode: a new outer header and AH in front of the whole packet (RFC 4302 §3.1.2, RFC 4301 §5.1.2). */
    private AhStatus tunnel(byte[] buf, int off, int len, long seq) {
        // any IP packet may ride in the tunnel, fragments included (RFC 4301 §7); it is authenticated as it is
        int version = IpPacket.version(buf, off, len);
        boolean inner6 = version == 6;
        if (version != 4 && version != 6) {
            return AhStatus.MALFORMED_IP;
        }
        if (len < (inner6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH)) {
            return AhStatus.TRUNCATED;
        }
        boolean outer6 = tunnelLocal.length == Ipv6Header.ADDRESS_LENGTH;
        int outerLength = outer6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        int ahLength = AhHeader.length(integrity.icvLength(), outer6);
        if (off < outerLength + ahLength) {
            return AhStatus.NO_HEADROOM;
        }
        int total = outerLength + ahLength + len;
        if (total - (outer6 ? Ipv6Header.LENGTH : 0) > 65535) {
            return AhStatus.TOO_BIG;
        }
        // DSCP copied when configured (RFC 4301 §5.1.2.1); ECN copied, RFC 6040 §4.1 normal mode (AhInboundSa
        // carries congestion marks back into the inner packet, §4.2). TOS / traffic class is mutable and so zeroed
        // in the ICV (RFC 4302 §3.3.3.1), and a router may mark the outer header CE without breaking it.
        int innerTrafficClass = inner6 ? Ipv6Header.trafficClass(buf, off) : Ipv4Header.trafficClass(buf, off);
        int trafficClass = (copyDscp ? innerTrafficClass & 0xfc : 0) | (innerTrafficClass & 0x03);
        int start = off - ahLength - outerLength;
        if (outer6) {
            Ipv6Header.write(buf, start, trafficClass, 0, total - Ipv6Header.LENGTH, IpProtocol.AH, DEFAULT_TTL, tunnelLocal, tunnelRemote);
        } else {
            // DF copied from an IPv4 inner packet, clear for IPv6 (RFC 4301 §8.1); the ID is free for atomic
            // datagrams (RFC 6864 §4.1): the sequence number makes it vary without extra state, and never zero,
            // which a raw socket would replace after the ICV covered it
            boolean dontFragment = !inner6 && Ipv4Header.dontFragment(buf, off);
            Ipv4Header.write(buf, start, trafficClass, total, 1 + (int) (seq % 0xffff), dontFragment, DEFAULT_TTL, IpProtocol.AH,
                    tunnelLocal, tunnelRemote);
        }
        AhHeader.write(buf, start + outerLength, inner6 ? IpProtocol.IPV6 : IpProtocol.IPV4, ahLength, spi, (int) seq);
        return sign(buf, start, total, ahLength, seq);
    }

    /** Computes the ICV over the finished packet and fills in the IPv4 checksum last (it is not covered). */
    private AhStatus sign(byte[] buf, int start, int total, int ahLength, long seq) {
        AhStatus s = findAh(buf, start, total);
        if (s != AhStatus.OK) {
            // every header before AH was validated before the buffer was touched
            throw new IllegalStateException("AH built a packet it cannot parse: " + s);
        }
        feedIcv(buf, ahLength, (int) (seq >>> 32));
        integrity.sign(buf, layout.ahOffset + AhHeader.ICV);
        if (!layout.ipv6) {
            Ipv4Header.updateChecksum(buf, start);
        }
        packetOffset = start;
        packetLength = total;
        return AhStatus.OK;
    }
}
