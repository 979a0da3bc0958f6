package dev.petrel.crypto.registry;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import dev.petrel.wire.iana.Transform;

/**
 * Strength grades of IKEv2 transforms as the RFCs give them: RFC 8247 for IKEv2 SAs, RFC 8221 for ESP and AH, and
 * whether Petrel implements each transform. Lint and audit tools read this; the tables it draws from
 * quote the RFCs and cite their sections.
 */
public final class TransformRegistry {
    private TransformRegistry() {}

    /**
     * The grade of {@code transform} in {@code protocol}.
     *
     * @param keyBits the Key Length attribute for encryption transforms that carry one (RFC 7296 §3.3.5), which
     *     matters where the RFCs grade key lengths apart; ignored for every other transform (pass 0)
     * @throws IllegalArgumentException when an encryption transform with a Key Length attribute gets a length it
     *     does not take
     */
    public static Grading grade(Protocol protocol, Transform transform, int keyBits) {
        if (transform instanceof EncryptionAlgorithm e && e.hasKeyLengthAttribute() && !e.acceptsKeyBits(keyBits)) {
            throw new IllegalArgumentException(e.name() + " does not take a " + keyBits + "-bit key");
        }
        return switch (protocol) {
            case IKEV2 -> Rfc8247.grade(transform, keyBits);
            case ESP, AH -> Rfc8221.grade(protocol, transform, keyBits);
        };
    }

    /** The grade of a transform without a Key Length attribute. */
    public static Grading grade(Protocol protocol, Transform transform) {
        return grade(protocol, transform, 0);
    }

    /** True when {@link Transforms} can create the encryption transform. */
    public static boolean implemented(EncryptionAlgorithm algorithm) {
        return Transforms.implemented(algorithm);
    }

    /** True when {@link Transforms} can create the integrity transform. */
    public static boolean implemented(IntegrityAlgorithm algorithm) {
        return Transforms.implemented(algorithm);
    }

    /** True when {@link Transforms} can create the PRF. */
    public static boolean implemented(PseudorandomFunction algorithm) {
        return Transforms.implemented(algorithm);
    }

    /** True when {@link KeyExchanges} can run the key exchange method. */
    public static boolean implemented(KeyExchangeMethod method) {
        return KeyExchanges.isSupported(method);
    }
}
