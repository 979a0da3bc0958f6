package dev.petrel.esp.ah;

import dev.petrel.esp.result.DropReason;

/** The outcome of AH processing: {@link #OK} or why the packet was dropped. Network input never throws. */
public enum AhStatus {
    OK,
    /** The packet ends before a header it announces does. */
    TRUNCATED,
    /** The IP header is malformed: version, header length, total/payload length, or an option or extension header. */
    MALFORMED_IP,
    /** An IP fragment: AH applies to whole datagrams only (RFC 4302 §3.3.4, §3.4.1). */
    FRAGMENT,
    /** Inbound: the packet carries no AH header where one must be. */
    NOT_AH,
    /** Inbound: the payload length field does not fit the SA's ICV length and the required padding (RFC 4302 §2.2, §3.3.3.2.1). */
    BAD_PAYLOAD_LENGTH,
    /** Inbound: the SPI is not this SA's. */
    SPI_MISMATCH,
    /** Inbound: the ICV does not verify (RFC 4302 §3.4.4). */
    ICV_MISMATCH,
    /** A routing header whose state at the destination cannot be predicted (RFC 4302 §3.3.3.1.2.2). */
    UNSUPPORTED_ROUTING_HEADER,
    /** Tunnel mode inbound: the protected packet is not an IPv4 or IPv6 packet. */
    BAD_INNER_PACKET,
    /** Outbound: the buffer has too little headroom in front of the packet for the headers to add. */
    NO_HEADROOM,
    /** Outbound: the result would exceed the IP length limit of 65535 octets. */
    TOO_BIG;

    /** The SA-level drop reason this counts under; null for {@link #OK}. */
    public DropReason dropReason() {
        return switch (this) {
            case OK -> null;
            case SPI_MISMATCH -> DropReason.UNKNOWN_SPI;
            case ICV_MISMATCH -> DropReason.INTEGRITY;
            case NO_HEADROOM, TOO_BIG -> DropReason.NO_ROOM;
            case TRUNCATED, MALFORMED_IP, FRAGMENT, NOT_AH, BAD_PAYLOAD_LENGTH, UNSUPPORTED_ROUTING_HEADER, BAD_INNER_PACKET ->
                    DropReason.MALFORMED;
        };
    }
}
