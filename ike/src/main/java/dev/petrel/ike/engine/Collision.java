package dev.petrel.ike.engine;

import java.util.Arrays;

/**
 * The peer's CREATE_CHILD_SA that rekeyed the same SA as our outstanding one (RFC 7296 §2.8.1, §2.8.2): its nonces,
 * and what answering it created here (the CHILD_SA or IKE SA that may be the survivor or the redundant one).
 */
record Collision<T>(byte[] nonceI, byte[] nonceR, T created) {

    /**
     * True when the peer's exchange survives: ours holds the lowest of the four nonces (compared octet by octet as
     * unsigned numbers, a prefix lower than the longer nonce), so the SA ours created is the redundant one, which we
     * delete; otherwise the peer deletes the one its exchange created.
     */
    boolean peerWins(byte[] ourNonceI, byte[] ourNonceR) {
        return Arrays.compareUnsigned(lower(ourNonceI, ourNonceR), lower(nonceI, nonceR)) < 0;
    }

    private static byte[] lower(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
