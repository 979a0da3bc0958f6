package dev.petrel.ike.proposal;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.Transform;
import dev.petrel.wire.iana.TransformType;
import java.util.Objects;

/**
 * One transform a proposal offers or selected: an IANA transform id and, for encryption algorithms that take one,
 * the Key Length attribute in bits (RFC 7296 §3.3.5); 0 when the transform has no such attribute.
 */
public record TransformChoice(Transform transform, int keyBits) {
    public TransformChoice {
        Objects.requireNonNull(transform, "transform");
        if (transform instanceof EncryptionAlgorithm e) {
            if (e.hasKeyLengthAttribute() ? !e.acceptsKeyBits(keyBits) : keyBits != 0) {
                throw new IllegalArgumentException(e.name() + " does not take a " + keyBits + "-bit key");
            }
        } else if (keyBits != 0) {
            throw new IllegalArgumentException(transform.name() + " takes no key length");
        }
    }

    public static TransformChoice of(Transform transform) {
        return new TransformChoice(transform, 0);
    }

    public TransformType type() {
        return transform.type();
    }

    /** The name as logs and explanations show it, e.g. {@code ENCR_AES_GCM_16-256}. */
    @Override
    public String toString() {
        return keyBits == 0 ? transform.name() : transform.name() + "-" + keyBits;
    }
}
