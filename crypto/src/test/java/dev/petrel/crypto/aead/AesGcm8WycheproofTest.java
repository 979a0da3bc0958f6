package dev.petrel.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.Transforms;
import dev.petrel.testkit.vectors.Wycheproof;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof aes_gcm_test.json has 128-bit tags only, so its cases with 12-octet IVs are re-run as ENCR_AES_GCM_8
 * with the tag cut to its first 8 octets (SP 800-38D §5.2.1.2, RFC 4106 §3); the 12-octet IV maps to salt =
 * iv[0..4) and explicit IV = iv[4..12) (RFC 4106 §4). Valid cases must seal to ct || tag[0..8) and open. Every
 * invalid case with such an IV is a modified tag (flag ModifiedTag): it must be rejected when the modification
 * reaches the first 8 octets, and, the ICV being only those, must open when it lies wholly in the last 8.
 * draft-mcgrew-gcm-test-01 has no case with an 8-octet ICV, so these and {@link AesGcm8Test} stand in for it.
 */
class AesGcm8WycheproofTest {
    private static final String FILE = "aes_gcm_test.json";
    private static final int ICV = 8;

    @TestFactory
    Stream<DynamicTest> truncatedToEightOctets() {
        List<Wycheproof.Case> cases = Wycheproof.cases(FILE).stream()
                .filter(c -> c.bytes("iv").length == 12 && c.groupInt("tagSize") == 128)
                .filter(c -> c.isValid() || c.isInvalid())
                .toList();
        long valid = cases.stream().filter(Wycheproof.Case::isValid).count();
        long invalid = cases.stream().filter(c -> c.isInvalid() && c.flags().contains("ModifiedTag")).count();
        long rejected = cases.stream().filter(c -> c.isInvalid() && modifiedWithinIcv(c)).count();
        DynamicTest coverage = DynamicTest.dynamicTest(FILE + ": cases run as GCM-8", () -> {
            System.out.printf("%s as GCM-8: %d valid, %d invalid (%d changed within the first 8 tag octets)%n",
                    FILE, valid, invalid, rejected);
            assertTrue(valid > 100, "valid cases: " + valid);
            assertEquals(cases.size() - valid, invalid, "every invalid case with a 12-octet IV is a modified tag");
            assertTrue(rejected > 40, "invalid cases whose change reaches the ICV: " + rejected);
        });
        return Stream.concat(cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c))),
                Stream.of(coverage));
    }

    private static void check(Wycheproof.Case c) {
        byte[] iv = c.bytes("iv");
        byte[] keyMaterial = c.keyWithSalt();
        byte[] aad = c.bytes("aad");
        byte[] msg = c.bytes("msg");
        byte[] ct = c.bytes("ct");
        byte[] sealed = Arrays.copyOf(ct, ct.length + ICV);
        System.arraycopy(c.bytes("tag"), 0, sealed, ct.length, ICV);

        if (c.isValid()) {
            Aead sealer = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
            byte[] buf = Arrays.copyOf(msg, msg.length + ICV);
            assertEquals(sealed.length, sealer.seal(iv, 4, aad, 0, aad.length, buf, 0, msg.length));
            assertArrayEquals(sealed, buf);
        }
        Aead opener = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        byte[] buf = sealed.clone();
        int len = opener.open(iv, 4, aad, 0, aad.length, buf, 0, buf.length);
        if (c.isValid() || !modifiedWithinIcv(c)) {
            assertEquals(msg.length, len, "the ICV is intact");
            assertArrayEquals(msg, Arrays.copyOf(buf, len));
        } else {
            assertEquals(-1, len, "a changed ICV must not open");
            assertArrayEquals(sealed, buf, "nothing released");
        }
    }

    /** Whether the case's tag differs from the genuine one, computed by the JDK, within its first 8 octets. */
    private static boolean modifiedWithinIcv(Wycheproof.Case c) {
        try {
            byte[] key = c.bytes("key");
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, c.bytes("iv")));
            gcm.updateAAD(c.bytes("aad"));
            byte[] genuine = gcm.doFinal(c.bytes("msg"));
            byte[] ct = c.bytes("ct");
            assertArrayEquals(Arrays.copyOf(genuine, ct.length), ct, "only the tag is modified");
            return !Arrays.equals(genuine, ct.length, ct.length + ICV, c.bytes("tag"), 0, ICV);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
