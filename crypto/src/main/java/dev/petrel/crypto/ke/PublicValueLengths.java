package dev.petrel.crypto.ke;

/**
 * Octets of Key Exchange Data in the KE payload (RFC 7296 §3.4) sent by each role. Diffie-Hellman methods send
 * values of one length both ways; ML-KEM sends the encapsulation key one way and the ciphertext back.
 */
public record PublicValueLengths(int initiator, int responder) {
    public PublicValueLengths {
        if (initiator <= 0 || responder <= 0) {
            throw new IllegalArgumentException("public value lengths must be positive");
        }
    }

    static PublicValueLengths symmetric(int length) {
        return new PublicValueLengths(length, length);
    }
}
