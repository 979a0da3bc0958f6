package dev.petrel.gateway.status;

import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.proposal.TransformChoice;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.ExtendedSequenceNumbers;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The names {@code swanctl --list-sas} gives Petrel's transforms (strongSwan 5.9's enum names: AES_GCM_16,
 * HMAC_SHA2_256_128, PRF_HMAC_SHA2_256, CURVE_25519), and the empty string for none.
 */
public final class AlgorithmNames {
    private AlgorithmNames() {}

    public static String of(EncryptionAlgorithm encryption) {
        return encryption.name().substring("ENCR_".length());
    }

    /** Null and NONE (an AEAD's integrity) are listed as nothing. */
    public static String of(IntegrityAlgorithm integrity) {
        return integrity == null || integrity == IntegrityAlgorithm.NONE ? "" : integrity.name().substring("AUTH_".length());
    }

    public static String of(PseudorandomFunction prf) {
        return prf.name();
    }

    /** NONE (a CHILD_SA without PFS) is listed as nothing. */
    public static String of(KeyExchangeMethod group) {
        return switch (group) {
            case NONE -> "";
            case CURVE25519 -> "CURVE_25519";
            case CURVE448 -> "CURVE_448";
            default -> group.name();
        };
    }

    /** An IKE suite as swanctl lists it, e.g. {@code AES_GCM_16-128/PRF_HMAC_SHA2_256/CURVE_25519}. */
    public static String of(IkeSuite suite) {
        return join(of(suite.encryption()) + (suite.keyBits() > 0 ? "-" + suite.keyBits() : ""), of(suite.integrity()),
                of(suite.pseudorandomFunction()), of(suite.keyExchange()));
    }

    /** The transforms a CHILD_SA selected, e.g. {@code AES_CBC-128/HMAC_SHA2_256_128/CURVE_25519}. */
    public static String of(List<TransformChoice> transforms) {
        List<String> parts = new ArrayList<>();
        for (TransformChoice t : transforms) {
            parts.add(switch (t.transform()) {
                case EncryptionAlgorithm e -> of(e) + (t.keyBits() > 0 ? "-" + t.keyBits() : "");
                case IntegrityAlgorithm i -> of(i);
                case PseudorandomFunction p -> of(p);
                case KeyExchangeMethod k -> of(k);
                case ExtendedSequenceNumbers e -> e == ExtendedSequenceNumbers.ESN ? "ESN" : "";
            });
        }
        return join(parts.toArray(String[]::new));
    }

    /** An EAP method as swanctl names it after {@code eap-}: md5, mschapv2, tls. */
    public static String eap(EapType type) {
        return switch (type) {
            case MD5_CHALLENGE -> "md5";
            case MSCHAP_V2 -> "mschapv2";
            case TLS -> "tls";
            case IDENTITY, NOTIFICATION, NAK -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String join(String... parts) {
        return String.join("/", Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
    }
}
