package dev.petrel.crypto.mac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.TransformException;
import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3566 §4.6 test vectors for AES-XCBC-MAC and AES-XCBC-MAC-96. */
class AesXcbcMacTest {
    private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");

    static Stream<Arguments> rfc3566() {
        return Stream.of(
                Arguments.of("#1 0-byte input", "", "75f0251d528ac01c4573dfd584d79f29"),
                Arguments.of("#2 3-byte input", "000102", "5b376580ae2f19afe7219ceef172756f"),
                Arguments.of("#3 16-byte input", "000102030405060708090a0b0c0d0e0f", "d2a246fa349b68a79998a4394ff7a263"),
                Arguments.of("#4 20-byte input", "000102030405060708090a0b0c0d0e0f10111213",
                        "47f51b4564966215b8985c63055ed308"),
                Arguments.of("#5 32-byte input", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                        "f54f0ec8d2b9f3d36807734bd5283fd4"),
                Arguments.of("#6 34-byte input",
                        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021",
                        "becbb3bccdb518a30677d5481fb6b4d8"),
                Arguments.of("#7 1000-byte input", Hex.encode(new byte[1000]), "f0dafee895db30253761103b5d84528f"));
    }

    @ParameterizedTest(name = "RFC 3566 test case {0}")
    @MethodSource("rfc3566")
    void fullMac(String name, String message, String mac) {
        try (AesXcbcMac xcbc = new AesXcbcMac(KEY)) {
            xcbc.update(Hex.decode(message));
            assertArrayEquals(Hex.decode(mac), xcbc.doFinal());
            // doFinal resets: the same message gives the same MAC again.
            xcbc.update(Hex.decode(message));
            assertArrayEquals(Hex.decode(mac), xcbc.doFinal());
        }
    }

    @ParameterizedTest(name = "RFC 3566 test case {0}, fed one octet at a time")
    @MethodSource("rfc3566")
    void streamed(String name, String message, String mac) {
        byte[] m = Hex.decode(message);
        try (AesXcbcMac xcbc = new AesXcbcMac(KEY)) {
            for (int i = 0; i < m.length; i++) {
                xcbc.update(m, i, 1);
            }
            assertArrayEquals(Hex.decode(mac), xcbc.doFinal());
        }
    }

    @ParameterizedTest(name = "RFC 3566 test case {0} as AUTH_AES_XCBC_96")
    @MethodSource("rfc3566")
    void mac96(String name, String message, String mac) {
        byte[] m = Hex.decode(message);
        byte[] expected = Arrays.copyOf(Hex.decode(mac), 12);
        Integrity integrity = Transforms.integrity(IntegrityAlgorithm.AUTH_AES_XCBC_96, KEY);
        byte[] icv = new byte[12];
        integrity.update(m, 0, m.length);
        integrity.sign(icv, 0);
        assertArrayEquals(expected, icv);

        integrity.update(m, 0, m.length);
        assertTrue(integrity.verify(expected, 0));
        expected[11] ^= 1;
        integrity.update(m, 0, m.length);
        assertFalse(integrity.verify(expected, 0));
        integrity.destroy();
    }

    @Test
    void rejectsKeysThatAreNot128Bits() {
        assertThrows(TransformException.class, () -> new AesXcbcMac(new byte[15]));
        assertThrows(TransformException.class,
                () -> Transforms.integrity(IntegrityAlgorithm.AUTH_AES_XCBC_96, new byte[20]));
    }
}
