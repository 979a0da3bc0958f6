package dev.petrel.ike.protect;

import dev.petrel.crypto.aead.Aead;
import java.security.SecureRandom;

/**
 * SK payloads with AES-GCM or ChaCha20-Poly1305 (RFC 5282, RFC 7634): 8-octet IV, no padding beyond the Pad Length,
 * AAD = the message from the IKE header through the SK payload's generic header (RFC 5282 §5.1). The IV must
 * never repeat under a key (RFC 5282 §3.1), so it is a 64-bit counter that starts at a random value: it returns to
 * its start only after 2^64 messages, and two instances made by mistake from the same keys are unlikely to overlap.
 */
final class AeadSk extends SkProtection {
    private final Aead outbound;
    private final Aead inbound;
    private long nextIv;

    AeadSk(Aead outbound, Aead inbound, SecureRandom random) {
        super(outbound.ivLength(), outbound.tagLength(), 1);
        this.outbound = outbound;
        this.inbound = inbound;
        this.nextIv = random.nextLong();
    }

    @Override
    void protect(byte[] message, int bodyOffset, int ciphertextLength) {
        long iv = nextIv++;
        for (int i = 7; i >= 0; i--) {
            message[bodyOffset + i] = (byte) iv;
            iv >>>= 8;
        }
        int ciphertextOffset = bodyOffset + outbound.ivLength();
        outbound.seal(message, bodyOffset, message, 0, bodyOffset, message, ciphertextOffset, ciphertextLength);
    }

    @Override
    boolean unprotect(byte[] message, int bodyOffset, int ciphertextLength) {
        int ciphertextOffset = bodyOffset + inbound.ivLength();
        int length = ciphertextLength + inbound.tagLength();
        return inbound.open(message, bodyOffset, message, 0, bodyOffset, message, ciphertextOffset, length) >= 0;
    }

    @Override
    void wipe() {
        outbound.destroy();
        inbound.destroy();
    }

    @Override
    public String toString() {
        return "SkProtection[" + outbound + "]";
    }
}
