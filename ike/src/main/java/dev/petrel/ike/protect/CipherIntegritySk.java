package dev.petrel.ike.protect;

import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.crypto.integrity.Integrity;
import java.security.SecureRandom;

/**
 * SK payloads with AES-CBC and a separate integrity transform, encrypt-then-MAC (RFC 7296 §3.14): a random IV of
 * one block ("MUST be chosen at random"), and an ICV over the message from the IKE header through the Pad Length,
 * which the receiver verifies before it decrypts.
 */
final class CipherIntegritySk extends SkProtection {
    private final BlockCipher outboundCipher;
    private final Integrity outboundIntegrity;
    private final BlockCipher inboundCipher;
    private final Integrity inboundIntegrity;
    private final SecureRandom random;
    private final byte[] iv;

    CipherIntegritySk(BlockCipher outboundCipher, Integrity outboundIntegrity, BlockCipher inboundCipher,
                      Integrity inboundIntegrity, SecureRandom random) {
        super(outboundCipher.ivLength(), outboundIntegrity.icvLength(), outboundCipher.blockSize());
        this.outboundCipher = outboundCipher;
        this.outboundIntegrity = outboundIntegrity;
        this.inboundCipher = inboundCipher;
        this.inboundIntegrity = inboundIntegrity;
        this.random = random;
        this.iv = new byte[outboundCipher.ivLength()];
    }

    @Override
    void protect(byte[] message, int bodyOffset, int ciphertextLength) {
        random.nextBytes(iv);
        System.arraycopy(iv, 0, message, bodyOffset, iv.length);
        int ciphertextOffset = bodyOffset + iv.length;
        outboundCipher.encrypt(message, bodyOffset, message, ciphertextOffset, ciphertextLength);
        outboundIntegrity.update(message, 0, ciphertextOffset + ciphertextLength);
        outboundIntegrity.sign(message, ciphertextOffset + ciphertextLength);
    }

    @Override
    boolean unprotect(byte[] message, int bodyOffset, int ciphertextLength) {
        int ciphertextOffset = bodyOffset + inboundCipher.ivLength();
        inboundIntegrity.update(message, 0, ciphertextOffset + ciphertextLength);
        if (!inboundIntegrity.verify(message, ciphertextOffset + ciphertextLength)) {
            return false;
        }
        inboundCipher.decrypt(message, bodyOffset, message, ciphertextOffset, ciphertextLength);
        return true;
    }

    @Override
    void wipe() {
        outboundCipher.destroy();
        outboundIntegrity.destroy();
        inboundCipher.destroy();
        inboundIntegrity.destroy();
    }

    @Override
    public String toString() {
        return "SkProtection[" + outboundCipher + " + " + outboundIntegrity + "]";
    }
}
