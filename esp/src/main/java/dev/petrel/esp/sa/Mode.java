package dev.petrel.esp.sa;

/** IPsec mode (RFC 4301 §4.1). */
public enum Mode {
    /** The ESP header goes between the IP header and its payload (RFC 4303 §3.1.1). */
    TRANSPORT,
    /** The whole IP packet is the payload of a new IP header built from the SA's endpoints (RFC 4303 §3.1.2). */
    TUNNEL
}
