package dev.petrel.esp.result;

/** Why a packet was not passed on. Every drop is counted per SA under its reason. */
public enum DropReason {
    /** Not a well-formed IP/ESP packet, a fragment, lengths that do not add up, or an inner packet that does not fit. */
    MALFORMED,
    /** No SA for the (SPI, destination, protocol), or the packet's SPI is not the SA's (RFC 4301 §5.2). */
    UNKNOWN_SPI,
    /** A duplicate, or older than the window (RFC 4303 §3.4.3). */
    REPLAY,
    /** The ICV did not verify (RFC 4303 §3.4.4). */
    INTEGRITY,
    /** Pad Length larger than the payload, or pad octets other than 1, 2, 3… (RFC 4303 §2.4). */
    BAD_PADDING,
    /** The decrypted packet lies outside the SA's traffic selectors (RFC 4301 §5.2 step 4). */
    SELECTOR_MISMATCH,
    /**
     * Tunnel mode: the outer header arrived marked Congestion Experienced, but the inner packet is Not-ECT, so its
     * transport cannot be told of the congestion (RFC 6040 §4.2, Figure 4: "drop").
     */
    ECN_CE_ON_NOT_ECT,
    /** A dummy packet, Next Header 59 (RFC 4303 §2.6): discarded silently. */
    DUMMY,
    /** The SA reached a hard lifetime limit or was destroyed. */
    SA_EXPIRED,
    /** The outbound sequence number would wrap (RFC 4303 §3.3.3): the SA must be rekeyed. */
    SEQUENCE_EXHAUSTED,
    /** The caller's buffer lacks the headroom or tailroom, or the result would exceed the IP length field. */
    NO_ROOM
}
