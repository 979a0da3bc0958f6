package dev.petrel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.crypto.integrity.HmacIntegrity;
import dev.petrel.testkit.vectors.Wycheproof;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof HMAC-SHA2 through {@link HmacIntegrity}, constructed with the case's key length and the group's tag
 * size as ICV length, so truncated tags exercise the same code as AUTH_HMAC_SHA2_*: valid tags must be produced
 * and verify, invalid ones must not verify.
 */
class WycheproofHmacTest {
    @TestFactory
    Stream<DynamicTest> hmacSha256() {
        return tests("hmac_sha256_test.json", "HmacSHA256");
    }

    @TestFactory
    Stream<DynamicTest> hmacSha384() {
        return tests("hmac_sha384_test.json", "HmacSHA384");
    }

    @TestFactory
    Stream<DynamicTest> hmacSha512() {
        return tests("hmac_sha512_test.json", "HmacSHA512");
    }

    private static Stream<DynamicTest> tests(String file, String jcaName) {
        return Applicability.tests(file,
                c -> c.bytes("tag").length == c.groupInt("tagSize") / 8 && c.bytes("key").length > 0,
                c -> check(jcaName, c));
    }

    private static void check(String jcaName, Wycheproof.Case c) {
        byte[] key = c.bytes("key");
        byte[] msg = c.bytes("msg");
        byte[] tag = c.bytes("tag");
        HmacIntegrity integrity = new HmacIntegrity(jcaName, key, key.length, tag.length);
        if (c.isValid()) {
            byte[] icv = new byte[tag.length];
            integrity.update(msg, 0, msg.length);
            integrity.sign(icv, 0);
            assertArrayEquals(tag, icv);
        }
        integrity.update(msg, 0, msg.length);
        assertEquals(c.isValid(), integrity.verify(tag, 0));
        integrity.destroy();
    }
}
