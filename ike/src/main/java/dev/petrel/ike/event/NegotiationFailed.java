package dev.petrel.ike.event;

import dev.petrel.ike.engine.Endpoint;

/**
 * A negotiation did not succeed, explained: what the peer offered, what we accept, and which part did not match.
 *
 * @param connection the connection, or null when none was chosen yet
 */
public record NegotiationFailed(long ikeSaId, String connection, Endpoint remote, Failure failure, String explanation)
        implements IkeEvent {

    /** Which part of the negotiation failed. */
    public enum Failure {
        /** No proposal of the peer matched ours (explanation: by transform type). */
        PROPOSAL,
        /** The traffic selectors did not overlap. */
        TRAFFIC_SELECTORS,
        /** No connection accepts the peer's identity, or the one chosen does not. */
        IDENTITY,
        /** The AUTH payload did not verify. */
        AUTHENTICATION,
        /** The peer's key exchange data was invalid, or the group had to change. */
        KEY_EXCHANGE,
        /** The peer answered with an error notify. */
        PEER_ERROR,
        /** The peer did not answer after every retransmission. */
        TIMEOUT,
        /** A message was malformed. */
        SYNTAX,
        /** Refused for capacity: too many half-open SAs. */
        CAPACITY
    }
}
