package dev.petrel.esp.policy;

/** What the SPD says to do with a packet (RFC 4301 §4.4.1). */
public enum PolicyAction {
    /** Apply IPsec: send through, or require arrival on, the policy's SA. */
    PROTECT,
    /** Let the packet pass without IPsec. */
    BYPASS,
    /** Drop the packet. */
    DISCARD
}
