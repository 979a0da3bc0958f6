package dev.petrel.crypto.prf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.crypto.Transforms;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.PseudorandomFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4434 §2.1 test vectors, including the 10-octet (zero-padded) and 18-octet (shortened) keys. */
class AesXcbcPrf128Test {
    @ParameterizedTest(name = "RFC 4434 key of {0} octets")
    @CsvSource({
        "16, 000102030405060708090a0b0c0d0e0f, 47f51b4564966215b8985c63055ed308",
        "10, 00010203040506070809, 0fa087af7d866e7653434e602fdde835",
        "18, 000102030405060708090a0b0c0d0e0fedcb, 8cd3c93ae598a9803006ffb67c40e9e4",
    })
    void rfc4434(int keyLength, String key, String output) {
        byte[] k = Hex.decode(key);
        assertEquals(keyLength, k.length);
        Prf prf = Transforms.prf(PseudorandomFunction.PRF_AES128_XCBC);
        assertEquals(16, prf.outputLength());
        assertEquals(16, prf.preferredKeyLength());
        assertArrayEquals(Hex.decode(output), prf.compute(k, Hex.decode("000102030405060708090a0b0c0d0e0f10111213")));
    }
}
