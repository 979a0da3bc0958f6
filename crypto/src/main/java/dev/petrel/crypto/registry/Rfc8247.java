package dev.petrel.crypto.registry;

import static dev.petrel.crypto.registry.Grade.MAY;
import static dev.petrel.crypto.registry.Grade.MUST;
import static dev.petrel.crypto.registry.Grade.MUST_MINUS;
import static dev.petrel.crypto.registry.Grade.MUST_NOT;
import static dev.petrel.crypto.registry.Grade.SHOULD;
import static dev.petrel.crypto.registry.Grade.SHOULD_NOT;
import static dev.petrel.crypto.registry.Grade.SHOULD_PLUS;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.Transform;

/**
 * The tables of RFC 8247 (IKEv2, September 2017): §2.1 encryption, §2.2 PRF, §2.3 integrity, §2.4 Diffie-Hellman
 * groups, and the §2.5 summary, which also grades ENCR_AES_CTR ("not mentioned ... so it defaults to MAY").
 */
final class Rfc8247 {
    private static final String S21 = "RFC 8247 §2.1";
    private static final String S22 = "RFC 8247 §2.2";
    private static final String S23 = "RFC 8247 §2.3";
    private static final String S24 = "RFC 8247 §2.4";
    private static final String UNLISTED = "not in the table (§2.5: unmentioned algorithms default to MAY)";
    private static final String XCBC_IOT = "(IoT) the table's SHOULD is for IoT; the text downgrades non-IoT VPNs to MAY";

    private Rfc8247() {}

    static Grading grade(Transform transform, int keyBits) {
        return switch (transform) {
            case EncryptionAlgorithm e -> encryption(e, keyBits);
            case PseudorandomFunction p -> prf(p);
            case IntegrityAlgorithm i -> integrity(i);
            case KeyExchangeMethod k -> keyExchange(k);
            case ExtendedSequenceNumbers _ -> Grading.unspecified("RFC 8247", "not an algorithm");
        };
    }

    private static Grading encryption(EncryptionAlgorithm algorithm, int keyBits) {
        return switch (algorithm) {
            case ENCR_AES_CBC -> keyBits == 192 ? Grading.of(MAY, S21, "(*) 192-bit keys remain at the MAY level")
                    : Grading.of(MUST, S21, "(*) level for 128- and 256-bit keys");
            case ENCR_CHACHA20_POLY1305 -> Grading.of(SHOULD, S21);
            case ENCR_AES_GCM_16 -> keyBits == 192 ? Grading.of(MAY, S21, "(*) 192-bit keys remain at the MAY level")
                    : Grading.of(SHOULD, S21, "(*) level for 128- and 256-bit keys");
            case ENCR_AES_GCM_8, ENCR_AES_GCM_12 -> Grading.of(MAY, S21, "the 8- and 12-octet ICVs remain at the MAY level");
            case ENCR_AES_CCM_8 -> keyBits == 128
                    ? Grading.of(SHOULD, S21, "(IoT) for interoperability with IoT; only 128-bit keys are at SHOULD")
                    : Grading.of(MAY, S21, "(IoT) 192- and 256-bit keys remain at the MAY level");
            case ENCR_3DES -> Grading.of(MAY, S21);
            case ENCR_DES -> Grading.of(MUST_NOT, S21);
            case ENCR_NULL -> Grading.of(MUST_NOT, S21, "RFC 7296 §5: IKE must encrypt");
            case ENCR_AES_CTR -> Grading.of(MAY, "RFC 8247 §2.5", "not mentioned in §2.1, so it defaults to MAY");
            default -> Grading.unspecified(S21, UNLISTED);
        };
    }

    private static Grading prf(PseudorandomFunction algorithm) {
        return switch (algorithm) {
            case PRF_HMAC_SHA2_256 -> Grading.of(MUST, S22);
            case PRF_HMAC_SHA2_512 -> Grading.of(SHOULD_PLUS, S22);
            case PRF_HMAC_SHA1 -> Grading.of(MUST_MINUS, S22);
            case PRF_AES128_XCBC -> new Grading(MAY, SHOULD, S22, XCBC_IOT);
            case PRF_HMAC_MD5 -> Grading.of(MUST_NOT, S22);
            default -> Grading.unspecified(S22, UNLISTED);
        };
    }

    private static Grading integrity(IntegrityAlgorithm algorithm) {
        return switch (algorithm) {
            case AUTH_HMAC_SHA2_256_128 -> Grading.of(MUST, S23);
            case AUTH_HMAC_SHA2_512_256 -> Grading.of(SHOULD, S23);
            case AUTH_HMAC_SHA1_96 -> Grading.of(MUST_MINUS, S23);
            case AUTH_AES_XCBC_96 -> new Grading(MAY, SHOULD, S23, XCBC_IOT);
            case AUTH_HMAC_MD5_96, AUTH_DES_MAC -> Grading.of(MUST_NOT, S23);
            case NONE -> Grading.unspecified(S23, "with an AEAD cipher this transform type is not in use");
            default -> Grading.unspecified(S23, UNLISTED);
        };
    }

    private static Grading keyExchange(KeyExchangeMethod method) {
        return switch (method) {
            case MODP_2048 -> Grading.of(MUST, S24);
            case ECP_256 -> Grading.of(SHOULD, S24);
            case MODP_1536, MODP_1024 -> Grading.of(SHOULD_NOT, S24);
            case MODP_768, MODP_1024_160 -> Grading.of(MUST_NOT, S24);
            case MODP_2048_224, MODP_2048_256 ->
                    Grading.of(SHOULD_NOT, S24, "RFC 6989 §2.2 subgroup checks MUST be done with this group");
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> Grading.unspecified(S24,
                    "ML-KEM postdates RFC 8247; no RFC grading it for IKEv2 was found (used as an additional key"
                            + " exchange, RFC 9370)");
            default -> Grading.unspecified(S24, UNLISTED);
        };
    }
}
