package dev.petrel.ike.protect;

import static dev.petrel.ike.testing.SkPair.BODY_OFFSET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.aead.Aead;
import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.protect.SkProtectionException.Reason;
import dev.petrel.ike.testing.IkeSuites;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.ike.testing.SkPair;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SK payloads (RFC 7296 §3.14, RFC 5282) sealed and opened by Petrel for every IKE encryption it implements; the
 * strongSwan known answers are in {@code StrongSwanIkeTest}. Every failure must be the typed
 * {@link SkProtectionException} with the reason of the first check that fails.
 */
class SkProtectionTest {
    private static final int[] LENGTHS = IntStream.concat(IntStream.rangeClosed(0, 34), IntStream.of(255, 1000, 0xffff)).toArray();

    static List<IkeSuite> suites() {
        return IkeSuites.all();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void roundTripsInBothDirections(IkeSuite suite) throws Exception {
        SkPair pair = SkPair.of(suite, 7);
        for (int cleartext : new int[] {0, 12}) {
            for (int length : LENGTHS) {
                byte[] plaintext = SkPair.plaintext(length);
                byte[] request = SkPair.seal(pair.initiator(), cleartext, plaintext);
                byte[] response = SkPair.seal(pair.responder(), cleartext, plaintext);
                int bodyLength = pair.initiator().sealedLength(length);
                assertArrayEquals(plaintext, pair.responder().open(request, BODY_OFFSET + cleartext, bodyLength));
                assertArrayEquals(plaintext, pair.initiator().open(response, BODY_OFFSET + cleartext, bodyLength));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void sealedLengthIsIvPaddedCiphertextAndIcv(IkeSuite suite) {
        SkProtection sk = SkPair.of(suite, 1).initiator();
        for (int length : LENGTHS) {
            int expected = suite.encryption().isAead()
                    ? 8 + length + 1 + suite.encryption().icvLength()   // RFC 5282: no padding needed
                    : 16 + (length + 1 + 15) / 16 * 16 + suite.integrity().icvLength();
            assertEquals(expected, sk.sealedLength(length), "plaintext of " + length);
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void tamperingAnyOctetFailsAuthentication(IkeSuite suite) {
        SkPair pair = SkPair.of(suite, 2);
        byte[] sealed = SkPair.seal(pair.initiator(), 12, SkPair.plaintext(40));
        int bodyOffset = BODY_OFFSET + 12;
        for (int i = 0; i < sealed.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] message = sealed.clone();
                message[i] ^= (byte) bit;
                assertFails(Reason.AUTHENTICATION_FAILED, () -> pair.responder().open(message, bodyOffset, message.length - bodyOffset),
                        "octet " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void truncatedShiftedAndExtendedBodiesFail(IkeSuite suite) {
        SkPair pair = SkPair.of(suite, 3);
        byte[] sealed = SkPair.seal(pair.initiator(), 0, SkPair.plaintext(20));
        int bodyLength = sealed.length - BODY_OFFSET;
        for (int length = 0; length < bodyLength; length++) {
            int n = length;
            assertThrows(SkProtectionException.class, () -> pair.responder().open(sealed.clone(), BODY_OFFSET, n), "length " + n);
            // A later start moves octets from the body into the AEAD's AAD. The CBC ICV covers the message up to
            // the ICV wherever the body starts (§3.14), so there the offset must come from the SK payload header,
            // which the ICV covers too.
            if (suite.encryption().isAead()) {
                assertThrows(SkProtectionException.class, () -> pair.responder().open(sealed.clone(), sealed.length - n, n));
            }
        }
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 16);
        assertThrows(SkProtectionException.class, () -> pair.responder().open(longer, BODY_OFFSET, bodyLength + 16));
        int ivAndIcv = bodyLength - (suite.encryption().isAead() ? 21 : 32);
        assertFails(Reason.TRUNCATED, () -> pair.responder().open(sealed.clone(), BODY_OFFSET, ivAndIcv), "IV and ICV only");
    }

    @Test
    void cbcCiphertextOfPartBlocksIsMisaligned() {
        SkPair pair = SkPair.of(IkeSuites.cbcSha256(), 4);
        byte[] sealed = SkPair.seal(pair.initiator(), 0, SkPair.plaintext(20));
        assertFails(Reason.MISALIGNED, () -> pair.responder().open(sealed, BODY_OFFSET + 1, sealed.length - BODY_OFFSET - 1), "");
    }

    @ParameterizedTest
    @MethodSource("suites")
    void bodiesOutsideTheMessageFail(IkeSuite suite) {
        SkProtection sk = SkPair.of(suite, 5).responder();
        byte[] message = SkPair.layout(0, 100);
        int[][] outside = {{-1, 10}, {BODY_OFFSET, -1}, {BODY_OFFSET, 101}, {message.length + 1, 0},
            {Integer.MAX_VALUE, 100}, {BODY_OFFSET, Integer.MAX_VALUE}, {Integer.MIN_VALUE, Integer.MIN_VALUE}};
        for (int[] o : outside) {
            assertFails(Reason.OUTSIDE_MESSAGE, () -> sk.open(message, o[0], o[1]), Arrays.toString(o));
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void ourOwnMessagesDoNotOpenAsThePeers(IkeSuite suite) {
        SkPair pair = SkPair.of(suite, 6);
        byte[] sealed = SkPair.seal(pair.initiator(), 0, SkPair.plaintext(20));
        assertFails(Reason.AUTHENTICATION_FAILED, () -> pair.initiator().open(sealed, BODY_OFFSET, sealed.length - BODY_OFFSET),
                "a reflected message");
    }

    @ParameterizedTest
    @MethodSource("suites")
    void padLengthMustFitTheCiphertext(IkeSuite suite) throws Exception {
        SkPair pair = SkPair.of(suite, 8);
        byte[] raw = SkPair.plaintext(32);
        raw[31] = 32;
        assertFails(Reason.BAD_PAD_LENGTH, () -> openForged(pair, raw), "pad length 32 of 32 octets");
        raw[31] = (byte) 255;
        assertFails(Reason.BAD_PAD_LENGTH, () -> openForged(pair, raw), "pad length 255 of 32 octets");
        raw[31] = 31;
        assertArrayEquals(new byte[0], openForged(pair, raw), "all padding");
        raw[31] = 17; // more padding than needed: RFC 7296 §3.14 leaves its length to the sender
        assertArrayEquals(Arrays.copyOf(raw, 14), openForged(pair, raw));
    }

    /**
     * Opens, as the responder, a body the initiator's keys authenticate whose plaintext is {@code raw} as is
     * (inner payloads, padding and Pad Length, 32 octets), built with the crypto module's transforms directly.
     */
    private static byte[] openForged(SkPair pair, byte[] raw) throws SkProtectionException {
        IkeSuite suite = pair.suite();
        byte[] message;
        if (suite.encryption().isAead()) {
            Aead aead = Transforms.aead(suite.encryption(), pair.skEi());
            message = SkPair.layout(0, aead.ivLength() + raw.length + aead.tagLength());
            System.arraycopy(raw, 0, message, BODY_OFFSET + aead.ivLength(), raw.length);
            aead.seal(message, BODY_OFFSET, message, 0, BODY_OFFSET, message, BODY_OFFSET + aead.ivLength(), raw.length);
        } else {
            BlockCipher cipher = Transforms.cipher(suite.encryption(), pair.skEi());
            Integrity integrity = Transforms.integrity(suite.integrity(), pair.skAi());
            int ciphertextOffset = BODY_OFFSET + cipher.ivLength();
            message = SkPair.layout(0, cipher.ivLength() + raw.length + integrity.icvLength());
            System.arraycopy(raw, 0, message, ciphertextOffset, raw.length);
            cipher.encrypt(message, BODY_OFFSET, message, ciphertextOffset, raw.length);
            integrity.update(message, 0, ciphertextOffset + raw.length);
            integrity.sign(message, ciphertextOffset + raw.length);
        }
        return pair.responder().open(message, BODY_OFFSET, message.length - BODY_OFFSET);
    }

    @Test
    void aeadIvsAreACounterThatNeverRepeats() {
        SkProtection sk = SkPair.of(IkeSuites.gcm16(), 9).initiator();
        Set<String> ivs = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] message = SkPair.seal(sk, 0, SkPair.plaintext(8));
            long iv = ByteBuffer.wrap(message, BODY_OFFSET, 8).getLong();
            assertTrue(i == 0 || iv == previous + 1, "consecutive");
            assertTrue(ivs.add(Hex.encode(Arrays.copyOfRange(message, BODY_OFFSET, BODY_OFFSET + 8))));
            previous = iv;
        }
    }

    @Test
    void cbcIvsComeFromTheInjectedRandom() {
        SkPair pair = SkPair.of(IkeSuites.cbcSha256(), 10);
        IkeSuite suite = pair.suite();
        SkProtection a = SkProtection.create(suite, pair.skEi(), pair.skAi(), pair.skEr(), pair.skAr(), SeededRandom.of(99));
        SkProtection b = SkProtection.create(suite, pair.skEi(), pair.skAi(), pair.skEr(), pair.skAr(), SeededRandom.of(99));
        byte[] first = SkPair.seal(a, 0, SkPair.plaintext(8));
        assertArrayEquals(first, SkPair.seal(b, 0, SkPair.plaintext(8)), "the same seed, the same IV");
        byte[] second = SkPair.seal(a, 0, SkPair.plaintext(8));
        assertNotEquals(Hex.encode(Arrays.copyOfRange(first, BODY_OFFSET, BODY_OFFSET + 16)),
                Hex.encode(Arrays.copyOfRange(second, BODY_OFFSET, BODY_OFFSET + 16)));
    }

    @Test
    void sealNeedsExactlyTheSealedLengthAfterTheBodyOffset() {
        SkProtection sk = SkPair.of(IkeSuites.gcm16(), 11).initiator();
        int length = sk.sealedLength(10);
        assertThrows(IllegalArgumentException.class, () -> sk.seal(SkPair.layout(0, length - 1), BODY_OFFSET, new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> sk.seal(SkPair.layout(0, length + 1), BODY_OFFSET, new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> sk.seal(SkPair.layout(0, length), -1, new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> sk.sealedLength(-1));
        assertThrows(IllegalArgumentException.class, () -> sk.sealedLength(0x10000));
    }

    @Test
    void destroyedProtectionRefusesWork() {
        SkPair pair = SkPair.of(IkeSuites.cbcSha256(), 12);
        byte[] sealed = SkPair.seal(pair.initiator(), 0, SkPair.plaintext(8));
        pair.responder().destroy();
        pair.responder().destroy();
        assertThrows(IllegalStateException.class, () -> pair.responder().open(sealed, BODY_OFFSET, sealed.length - BODY_OFFSET));
        assertThrows(IllegalStateException.class, () -> SkPair.seal(pair.responder(), 0, new byte[1]));
    }

    @Test
    void keysOfTheWrongLengthAreRefusedByLengthOnly() {
        IkeSuite suite = IkeSuites.cbcSha256();
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x5a);
        byte[] shortKey = new byte[15];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkProtection.create(suite, key, new byte[32], shortKey, new byte[32], SeededRandom.of(1)));
        assertEquals("the suite needs 16-octet encryption keys, got 15", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SkProtection.create(suite, key, null, key, new byte[32], SeededRandom.of(1)));
        IkeSuite gcm = IkeSuites.aead(EncryptionAlgorithm.ENCR_AES_GCM_16, 128);
        assertThrows(IllegalArgumentException.class, () -> SkProtection.create(gcm, key, null, key, null, SeededRandom.of(1)),
                "AES-GCM keying material includes the 4-octet salt");
        byte[] withSalt = new byte[20];
        assertFalse(SkProtection.create(gcm, withSalt, null, withSalt, new byte[0], SeededRandom.of(1)).toString().contains("5a5a"));
    }

    private interface Opening {
        void run() throws SkProtectionException;
    }

    private static void assertFails(Reason reason, Opening opening, String what) {
        SkProtectionException e = assertThrows(SkProtectionException.class, opening::run, what);
        assertEquals(reason, e.reason(), what);
    }
}
