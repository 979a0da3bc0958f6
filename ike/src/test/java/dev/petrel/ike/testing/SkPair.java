package dev.petrel.ike.testing;

import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.protect.SkProtection;
import java.security.SecureRandom;

/**
 * Both sides of an IKE SA's SK protection with random keys of the suite's lengths, and messages laid out as the
 * engine will: a 28-octet IKE header and {@code cleartext} octets of unencrypted payloads (patterned, never parsed
 * here), the SK payload's 4-octet generic header, then the SK body to the end.
 */
public record SkPair(IkeSuite suite, byte[] skEi, byte[] skAi, byte[] skEr, byte[] skAr, SkProtection initiator,
                     SkProtection responder) {

    /** The SK body's offset in messages with no unencrypted payloads. */
    public static final int BODY_OFFSET = IkePayloads.HEADER_LENGTH + IkePayloads.GENERIC_HEADER_LENGTH;

    public static SkPair of(IkeSuite suite, long seed) {
        SecureRandom random = SeededRandom.of(seed);
        byte[] ei = draw(random, suite.encryptionKeyLength());
        byte[] ai = draw(random, suite.integrityKeyLength());
        byte[] er = draw(random, suite.encryptionKeyLength());
        byte[] ar = draw(random, suite.integrityKeyLength());
        return new SkPair(suite, ei, ai, er, ar,
                SkProtection.create(suite, ei, ai, er, ar, SeededRandom.of(seed + 1)),
                SkProtection.create(suite, er, ar, ei, ai, SeededRandom.of(seed + 2)));
    }

    private static byte[] draw(SecureRandom random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** A message with a body of {@code bodyLength} octets after {@code cleartext} octets of unencrypted payloads. */
    public static byte[] layout(int cleartext, int bodyLength) {
        byte[] message = new byte[BODY_OFFSET + cleartext + bodyLength];
        for (int i = 0; i < BODY_OFFSET + cleartext; i++) {
            message[i] = (byte) (i * 7 + 3);
        }
        return message;
    }

    /** {@code sender} seals {@code plaintext} into a fresh message. */
    public static byte[] seal(SkProtection sender, int cleartext, byte[] plaintext) {
        byte[] message = layout(cleartext, sender.sealedLength(plaintext.length));
        sender.seal(message, BODY_OFFSET + cleartext, plaintext);
        return message;
    }

    /** A plaintext of {@code length} patterned octets. */
    public static byte[] plaintext(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (31 * i + length);
        }
        return p;
    }
}
