package dev.petrel.ike.event;

import dev.petrel.ike.engine.Endpoint;

/** A datagram was dropped without an answer, as the RFC says for its case; counted and logged, never thrown. */
public record MessageDropped(long ikeSaId, Endpoint remote, Reason reason, String detail) implements IkeEvent {

    public enum Reason {
        /** Not a decodable IKEv2 message. */
        MALFORMED,
        /** No IKE SA has these SPIs (RFC 7296 §2.21.4 may answer INVALID_IKE_SPI). */
        UNKNOWN_SPI,
        /** A message ID outside the window, or a response to nothing outstanding (§2.3). */
        MESSAGE_ID,
        /** The SK payload failed its integrity check (§2.21.2: dropped silently). */
        INTEGRITY,
        /** A retransmitted request, answered from the cached response. */
        RETRANSMISSION,
        /** Refused for capacity: too many half-open SAs. */
        CAPACITY,
        /** Well formed but not expected in the SA's state. */
        UNEXPECTED
    }
}
