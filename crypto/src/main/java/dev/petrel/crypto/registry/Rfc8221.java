package dev.petrel.crypto.registry;

import static dev.petrel.crypto.registry.Grade.MAY;
import static dev.petrel.crypto.registry.Grade.MUST;
import static dev.petrel.crypto.registry.Grade.MUST_MINUS;
import static dev.petrel.crypto.registry.Grade.MUST_NOT;
import static dev.petrel.crypto.registry.Grade.SHOULD;
import static dev.petrel.crypto.registry.Grade.SHOULD_NOT;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.Transform;

/** The tables of RFC 8221 (ESP and AH, October 2017): §5 encryption, §6 authentication. */
final class Rfc8221 {
    private static final String S5 = "RFC 8221 §5";
    private static final String S6 = "RFC 8221 §6";
    private static final String KEYS_1 = "[1] level for 128- and 256-bit keys";
    private static final String KEYS_1_192 = "[1] 192-bit keys remain at the MAY level";

    private Rfc8221() {}

    static Grading grade(Protocol protocol, Transform transform, int keyBits) {
        return switch (transform) {
            case EncryptionAlgorithm _ when protocol == Protocol.AH ->
                    Grading.unspecified("RFC 4302", "AH provides no confidentiality");
            case EncryptionAlgorithm e -> encryption(e, keyBits);
            case IntegrityAlgorithm i -> integrity(protocol, i);
            case PseudorandomFunction _ -> Grading.unspecified("RFC 8221", "PRFs are IKEv2 transforms; see RFC 8247 §2.2");
            case KeyExchangeMethod _ ->
                    Grading.unspecified("RFC 8221", "RFC 8221 grades no key exchange; RFC 8247 §2.4 grades them for IKEv2");
            case ExtendedSequenceNumbers _ -> Grading.unspecified("RFC 8221", "not an algorithm");
        };
    }

    private static Grading encryption(EncryptionAlgorithm algorithm, int keyBits) {
        return switch (algorithm) {
            case ENCR_DES -> Grading.of(MUST_NOT, S5);
            case ENCR_3DES -> Grading.of(SHOULD_NOT, S5);
            case ENCR_NULL -> Grading.of(MUST, S5, "for authentication-only ESP");
            case ENCR_AES_CBC, ENCR_AES_GCM_16 ->
                    keyBits == 192 ? Grading.of(MAY, S5, KEYS_1_192) : Grading.of(MUST, S5, KEYS_1);
            case ENCR_AES_CCM_8 -> keyBits == 128
                    ? Grading.of(SHOULD, S5, "(IoT) for interoperability with IoT; only 128-bit keys are at this level")
                    : Grading.unspecified(S5, "(IoT) only 128-bit keys are graded");
            case ENCR_CHACHA20_POLY1305 -> Grading.of(SHOULD, S5);
            default -> Grading.unspecified(S5, "not in the table");
        };
    }

    private static Grading integrity(Protocol protocol, IntegrityAlgorithm algorithm) {
        return switch (algorithm) {
            case NONE -> Grading.of(MUST_NOT, S6,
                    "table: MUST / MUST NOT, AEAD-only: acceptable (then MUST) only with an AEAD cipher from §5");
            case AUTH_HMAC_MD5_96, AUTH_DES_MAC -> Grading.of(MUST_NOT, S6);
            case AUTH_HMAC_SHA1_96 -> Grading.of(MUST_MINUS, S6);
            case AUTH_AES_XCBC_96 -> new Grading(MAY, SHOULD, S6,
                    "table: SHOULD / MAY (IoT): SHOULD only in the scope of IoT, MAY for wide VPN deployment");
            case AUTH_AES_128_GMAC, AUTH_AES_256_GMAC -> gmac(protocol, "");
            case AUTH_AES_192_GMAC -> gmac(protocol, "not in the table; the §6 text keeps it at MAY with the other GMACs");
            case AUTH_HMAC_SHA2_256_128 -> Grading.of(MUST, S6);
            case AUTH_HMAC_SHA2_512_256 -> Grading.of(SHOULD, S6);
            default -> Grading.unspecified(S6, "not in the table");
        };
    }

    private static Grading gmac(Protocol protocol, String note) {
        String usage = protocol == Protocol.ESP ? "should only be used for AH, not ESP" : "";
        String joined = note.isEmpty() || usage.isEmpty() ? note + usage : note + "; " + usage;
        return Grading.of(MAY, S6, joined);
    }
}
