package dev.petrel.crypto.registry;

import static dev.petrel.crypto.registry.Grade.MAY;
import static dev.petrel.crypto.registry.Grade.MUST;
import static dev.petrel.crypto.registry.Grade.MUST_MINUS;
import static dev.petrel.crypto.registry.Grade.MUST_NOT;
import static dev.petrel.crypto.registry.Grade.SHOULD;
import static dev.petrel.crypto.registry.Grade.SHOULD_NOT;
import static dev.petrel.crypto.registry.Grade.SHOULD_PLUS;
import static dev.petrel.crypto.registry.Grade.UNSPECIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.TransformException;
import dev.petrel.crypto.Transforms;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the RFC 8221 §5-§6 and RFC 8247 §2.1-§2.4 tables, and the rest ungraded. */
class TransformRegistryTest {
    static Stream<Arguments> rows() {
        var ike = Protocol.IKEV2;
        var esp = Protocol.ESP;
        return Stream.of(
                // RFC 8221 §5
                row(esp, EncryptionAlgorithm.ENCR_DES, 0, MUST_NOT),
                row(esp, EncryptionAlgorithm.ENCR_3DES, 0, SHOULD_NOT),
                row(esp, EncryptionAlgorithm.ENCR_NULL, 0, MUST),
                row(esp, EncryptionAlgorithm.ENCR_AES_CBC, 128, MUST),
                row(esp, EncryptionAlgorithm.ENCR_AES_CBC, 192, MAY),
                row(esp, EncryptionAlgorithm.ENCR_AES_CBC, 256, MUST),
                row(esp, EncryptionAlgorithm.ENCR_AES_CCM_8, 128, SHOULD),
                row(esp, EncryptionAlgorithm.ENCR_AES_CCM_8, 256, UNSPECIFIED),
                row(esp, EncryptionAlgorithm.ENCR_AES_GCM_16, 128, MUST),
                row(esp, EncryptionAlgorithm.ENCR_AES_GCM_16, 192, MAY),
                row(esp, EncryptionAlgorithm.ENCR_AES_GCM_16, 256, MUST),
                row(esp, EncryptionAlgorithm.ENCR_AES_GCM_8, 128, UNSPECIFIED),
                row(esp, EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0, SHOULD),
                // RFC 8221 §6
                row(esp, IntegrityAlgorithm.NONE, 0, MUST_NOT),
                row(esp, IntegrityAlgorithm.AUTH_HMAC_MD5_96, 0, MUST_NOT),
                row(esp, IntegrityAlgorithm.AUTH_HMAC_SHA1_96, 0, MUST_MINUS),
                row(esp, IntegrityAlgorithm.AUTH_DES_MAC, 0, MUST_NOT),
                row(esp, IntegrityAlgorithm.AUTH_AES_XCBC_96, 0, MAY),
                row(esp, IntegrityAlgorithm.AUTH_AES_128_GMAC, 0, MAY),
                row(esp, IntegrityAlgorithm.AUTH_AES_256_GMAC, 0, MAY),
                row(esp, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, 0, MUST),
                row(esp, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, 0, SHOULD),
                row(esp, IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, 0, UNSPECIFIED),
                row(Protocol.AH, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, 0, MUST),
                row(Protocol.AH, EncryptionAlgorithm.ENCR_AES_CBC, 128, UNSPECIFIED),
                // RFC 8247 §2.1
                row(ike, EncryptionAlgorithm.ENCR_AES_CBC, 128, MUST),
                row(ike, EncryptionAlgorithm.ENCR_AES_CBC, 192, MAY),
                row(ike, EncryptionAlgorithm.ENCR_AES_CBC, 256, MUST),
                row(ike, EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0, SHOULD),
                row(ike, EncryptionAlgorithm.ENCR_AES_GCM_16, 256, SHOULD),
                row(ike, EncryptionAlgorithm.ENCR_AES_GCM_16, 192, MAY),
                row(ike, EncryptionAlgorithm.ENCR_AES_GCM_8, 128, MAY),
                row(ike, EncryptionAlgorithm.ENCR_AES_CCM_8, 128, SHOULD),
                row(ike, EncryptionAlgorithm.ENCR_AES_CCM_8, 256, MAY),
                row(ike, EncryptionAlgorithm.ENCR_3DES, 0, MAY),
                row(ike, EncryptionAlgorithm.ENCR_DES, 0, MUST_NOT),
                row(ike, EncryptionAlgorithm.ENCR_NULL, 0, MUST_NOT),
                row(ike, EncryptionAlgorithm.ENCR_AES_CTR, 128, MAY),
                // RFC 8247 §2.2
                row(ike, PseudorandomFunction.PRF_HMAC_SHA2_256, 0, MUST),
                row(ike, PseudorandomFunction.PRF_HMAC_SHA2_512, 0, SHOULD_PLUS),
                row(ike, PseudorandomFunction.PRF_HMAC_SHA1, 0, MUST_MINUS),
                row(ike, PseudorandomFunction.PRF_AES128_XCBC, 0, MAY),
                row(ike, PseudorandomFunction.PRF_HMAC_MD5, 0, MUST_NOT),
                row(ike, PseudorandomFunction.PRF_HMAC_SHA2_384, 0, UNSPECIFIED),
                // RFC 8247 §2.3
                row(ike, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, 0, MUST),
                row(ike, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, 0, SHOULD),
                row(ike, IntegrityAlgorithm.AUTH_HMAC_SHA1_96, 0, MUST_MINUS),
                row(ike, IntegrityAlgorithm.AUTH_AES_XCBC_96, 0, MAY),
                row(ike, IntegrityAlgorithm.AUTH_HMAC_MD5_96, 0, MUST_NOT),
                row(ike, IntegrityAlgorithm.AUTH_DES_MAC, 0, MUST_NOT),
                // RFC 8247 §2.4
                row(ike, KeyExchangeMethod.MODP_2048, 0, MUST),
                row(ike, KeyExchangeMethod.ECP_256, 0, SHOULD),
                row(ike, KeyExchangeMethod.MODP_1536, 0, SHOULD_NOT),
                row(ike, KeyExchangeMethod.MODP_1024, 0, SHOULD_NOT),
                row(ike, KeyExchangeMethod.MODP_768, 0, MUST_NOT),
                row(ike, KeyExchangeMethod.MODP_1024_160, 0, MUST_NOT),
                row(ike, KeyExchangeMethod.MODP_2048_224, 0, SHOULD_NOT),
                row(ike, KeyExchangeMethod.MODP_2048_256, 0, SHOULD_NOT),
                row(ike, KeyExchangeMethod.CURVE25519, 0, UNSPECIFIED),
                row(ike, KeyExchangeMethod.ML_KEM_768, 0, UNSPECIFIED),
                row(esp, KeyExchangeMethod.MODP_2048, 0, UNSPECIFIED));
    }

    private static Arguments row(Protocol protocol, Transform transform, int keyBits, Grade grade) {
        return Arguments.of(protocol, transform, keyBits, grade);
    }

    @ParameterizedTest(name = "{0} {1} {2} bits: {3}")
    @MethodSource("rows")
    void grades(Protocol protocol, Transform transform, int keyBits, Grade grade) {
        Grading grading = TransformRegistry.grade(protocol, transform, keyBits);
        assertEquals(grade, grading.grade(), grading::toString);
        assertTrue(grading.reference().startsWith("RFC "), grading::toString);
    }

    @Test
    void xcbcIsShouldOnlyForIot() {
        for (Protocol p : List.of(Protocol.IKEV2, Protocol.ESP)) {
            Grading g = TransformRegistry.grade(p, IntegrityAlgorithm.AUTH_AES_XCBC_96);
            assertEquals(MAY, g.grade());
            assertEquals(SHOULD, g.iotGrade());
        }
        assertEquals(SHOULD, TransformRegistry.grade(Protocol.IKEV2, PseudorandomFunction.PRF_AES128_XCBC).iotGrade());
        assertEquals(MUST, TransformRegistry.grade(Protocol.IKEV2, PseudorandomFunction.PRF_HMAC_SHA2_256).iotGrade());
    }

    @Test
    void everyTransformHasAGradingInEveryProtocol() {
        List<Transform> all = new ArrayList<>();
        all.addAll(List.of(PseudorandomFunction.values()));
        all.addAll(List.of(IntegrityAlgorithm.values()));
        all.addAll(List.of(KeyExchangeMethod.values()));
        all.addAll(List.of(ExtendedSequenceNumbers.values()));
        for (Protocol p : Protocol.values()) {
            for (Transform t : all) {
                assertGraded(TransformRegistry.grade(p, t));
            }
            for (EncryptionAlgorithm e : EncryptionAlgorithm.values()) {
                int[] lengths = e.hasKeyLengthAttribute() ? e.keyBits() : new int[] {0};
                for (int bits : lengths) {
                    assertGraded(TransformRegistry.grade(p, e, bits));
                }
            }
        }
    }

    private static void assertGraded(Grading g) {
        assertTrue(g.grade() != UNSPECIFIED || !g.note().isEmpty(), () -> "ungraded without a reason: " + g);
    }

    @Test
    void keyLengthMustFitTheAlgorithm() {
        assertThrows(IllegalArgumentException.class,
                () -> TransformRegistry.grade(Protocol.ESP, EncryptionAlgorithm.ENCR_AES_CBC, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TransformRegistry.grade(Protocol.IKEV2, EncryptionAlgorithm.ENCR_AES_GCM_16, 512));
    }

    @ParameterizedTest
    @EnumSource(EncryptionAlgorithm.class)
    void implementedEncryptionIsCreatable(EncryptionAlgorithm e) {
        int bits = e.hasKeyLengthAttribute() ? 128 : 0;
        boolean created;
        try {
            byte[] key = new byte[Transforms.keyMaterialLength(e, bits)];
            if (e.isAead()) {
                Transforms.aead(e, key).destroy();
            } else {
                Transforms.cipher(e, key).destroy();
            }
            created = true;
        } catch (TransformException ex) {
            created = false;
        }
        assertEquals(created, TransformRegistry.implemented(e));
    }

    @ParameterizedTest
    @EnumSource(IntegrityAlgorithm.class)
    void implementedIntegrityIsCreatable(IntegrityAlgorithm i) {
        boolean created;
        try {
            Transforms.integrity(i, new byte[i.keyLength()]).destroy();
            created = true;
        } catch (TransformException ex) {
            created = false;
        }
        assertEquals(created, TransformRegistry.implemented(i));
    }

    @ParameterizedTest
    @EnumSource(PseudorandomFunction.class)
    void implementedPrfIsCreatable(PseudorandomFunction p) {
        boolean created;
        try {
            Transforms.prf(p).compute(new byte[16], new byte[1]);
            created = true;
        } catch (TransformException ex) {
            created = false;
        }
        assertEquals(created, TransformRegistry.implemented(p));
    }

    @Test
    void implementsEveryMustAndShouldSymmetricTransform() {
        assertTrue(TransformRegistry.implemented(EncryptionAlgorithm.ENCR_AES_GCM_16));
        assertTrue(TransformRegistry.implemented(IntegrityAlgorithm.AUTH_AES_XCBC_96));
        assertTrue(TransformRegistry.implemented(PseudorandomFunction.PRF_AES128_XCBC));
        assertFalse(TransformRegistry.implemented(PseudorandomFunction.PRF_HMAC_MD5));
        assertFalse(TransformRegistry.implemented(EncryptionAlgorithm.ENCR_3DES));
    }

    @Test
    void everyKeyExchangeTheIkev2RfcRequiresIsImplemented() {
        for (KeyExchangeMethod m : KeyExchangeMethod.values()) {
            Grade g = TransformRegistry.grade(Protocol.IKEV2, m).grade();
            if (g == Grade.MUST || g == Grade.SHOULD_PLUS || g == Grade.SHOULD) {
                assertTrue(TransformRegistry.implemented(m), m + " is graded " + g + " but not implemented");
            }
        }
        assertTrue(TransformRegistry.implemented(KeyExchangeMethod.ML_KEM_768));
        assertFalse(TransformRegistry.implemented(KeyExchangeMethod.MODP_1024));
    }
}
