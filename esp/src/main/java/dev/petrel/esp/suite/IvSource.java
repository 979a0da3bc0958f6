package dev.petrel.esp.suite;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Where an outbound SA takes each packet's explicit IV. For the AEADs the IV must never repeat under a key
 * (RFC 4106 §3.1, RFC 7634 §2), which the 64-bit sequence number guarantees; for CBC it must be unpredictable
 * (RFC 3602 §3). Other sources are for known-answer tests; a source that repeats an AEAD IV breaks the SA.
 */
@FunctionalInterface
public interface IvSource {
    /** Writes the IV of the packet with sequence number {@code seq} to {@code buf[off, off+len)}. */
    void next(long seq, byte[] buf, int off, int len);

    /** The 64-bit sequence number, big-endian (RFC 4106 §3.1 allows a counter; so does RFC 7634 §2). */
    static IvSource sequenceNumber() {
        return (seq, buf, off, len) -> {
            if (len != 8) {
                throw new IllegalArgumentException("a sequence-number IV is 8 octets, not " + len);
            }
            for (int i = 7; i >= 0; i--) {
                buf[off + i] = (byte) seq;
                seq >>>= 8;
            }
        };
    }

    /** Fresh random octets from a DRBG of the SA's own, seeded by the platform's entropy source. */
    static IvSource random() {
        try {
            return new RandomIv(SecureRandom.getInstance("DRBG"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom on this platform", e);
        }
    }

    /** Fresh random octets from {@code random}. */
    static IvSource random(SecureRandom random) {
        return new RandomIv(random);
    }
}
