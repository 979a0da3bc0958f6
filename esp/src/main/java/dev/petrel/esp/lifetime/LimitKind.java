package dev.petrel.esp.lifetime;

/** What an SA lifetime limit counts. */
public enum LimitKind {
    /** Octets of ESP payload (payload data, padding and trailer) protected or verified. */
    BYTES,
    /** Packets protected or verified. */
    PACKETS,
    /** Outbound sequence numbers: the counter must never wrap (RFC 4303 §3.3.3). */
    SEQUENCE_NUMBERS
}
