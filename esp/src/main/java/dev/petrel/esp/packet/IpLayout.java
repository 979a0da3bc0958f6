package dev.petrel.esp.packet;

import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import dev.petrel.wire.ip.IpHeaderChain;

/**
 * Where things are in one IPv4 or IPv6 packet: its length, addresses, the upper-layer protocol (for a packet
 * carrying ESP, where ESP starts) and the transport-mode insertion point, each with the offset of the field that
 * names the next header (from an {@link IpHeaderChain}). A mutable cursor reused per packet, so parsing allocates
 * nothing; not thread-safe.
 * All offsets are absolute indexes into the caller's array.
 */
public final class IpLayout {
    private final IpHeaderChain chain = new IpHeaderChain();
    private int offset;
    private int version;
    private int packetLength;
    private int sourceOffset;
    private int destinationOffset;
    private int addressLength;

    /**
     * Parses the packet at the start of {@code buf[off, off+len)}; octets after the length its header states are
     * not part of it.
     *
     * @return false when it is not a well-formed IPv4 or IPv6 packet
     */
    public boolean parse(byte[] buf, int off, int len) {
        offset = off;
        version = IpPacket.version(buf, off, len);
        if (version == 4) {
            packetLength = Ipv4Header.validate(buf, off, len);
            if (packetLength < 0) {
                return false;
            }
            sourceOffset = off + Ipv4Header.SOURCE_OFFSET;
            destinationOffset = off + Ipv4Header.DESTINATION_OFFSET;
            addressLength = Ipv4Header.ADDRESS_LENGTH;
            return chain.parse(buf, off, packetLength);
        }
        if (version == 6) {
            packetLength = Ipv6Header.validate(buf, off, len);
            if (packetLength < 0 || !chain.parse(buf, off, packetLength)) {
                return false;
            }
            sourceOffset = off + Ipv6Header.SOURCE_OFFSET;
            destinationOffset = off + Ipv6Header.DESTINATION_OFFSET;
            addressLength = Ipv6Header.ADDRESS_LENGTH;
            return true;
        }
        return false;
    }

    /** Sets the length of the packet at {@code off} to {@code length}: IPv4 total length and checksum, or IPv6 payload length. */
    public static void setPacketLength(byte[] buf, int off, int length) {
        if (IpPacket.version(buf, off, 1) == 4) {
            Ipv4Header.setTotalLength(buf, off, length);
            Ipv4Header.updateChecksum(buf, off);
        } else {
            Ipv6Header.setPayloadLength(buf, off, length - Ipv6Header.LENGTH);
        }
    }

    /** The largest packet the length fields can state. */
    public static int maxPacketLength(int version) {
        return version == 4 ? 0xffff : 0xffff + Ipv6Header.LENGTH;
    }

    /** Where the parsed packet starts in its buffer. */
    public int offset() {
        return offset;
    }

    public int version() {
        return version;
    }

    public int packetLength() {
        return packetLength;
    }

    public int sourceOffset() {
        return sourceOffset;
    }

    public int destinationOffset() {
        return destinationOffset;
    }

    public int addressLength() {
        return addressLength;
    }

    /** {@link IpHeaderChain#upperLayerProtocol()}. */
    public int upperLayerProtocol() {
        return chain.upperLayerProtocol();
    }

    /** {@link IpHeaderChain#upperLayerOffset()}. */
    public int upperLayerOffset() {
        return chain.upperLayerOffset();
    }

    /** {@link IpHeaderChain#upperLayerNextHeaderField()}. */
    public int upperLayerNextHeaderField() {
        return chain.upperLayerNextHeaderField();
    }

    /** Where ESP goes in transport mode (RFC 4303 §3.1.1): {@link IpHeaderChain#insertOffset()}. */
    public int insertOffset() {
        return chain.insertOffset();
    }

    /** {@link IpHeaderChain#insertNextHeaderField()}. */
    public int insertNextHeaderField() {
        return chain.insertNextHeaderField();
    }

    /** True for a fragment: ESP transport mode applies to whole datagrams only (RFC 4303 §3.1.1). */
    public boolean isFragment() {
        return chain.isFragment();
    }

    /** {@link IpHeaderChain#isNonFirstFragment()}: the upper-layer header is elsewhere (RFC 4301 §7 "OPAQUE" ports). */
    public boolean isNonFirstFragment() {
        return chain.isNonFirstFragment();
    }

    /** The traffic class octet (IPv4 TOS): DSCP and ECN. */
    public static int trafficClass(byte[] buf, int off) {
        return IpPacket.version(buf, off, 1) == 4 ? Ipv4Header.trafficClass(buf, off) : Ipv6Header.trafficClass(buf, off);
    }
}
