package dev.petrel.ike.keys;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.Objects;

/**
 * The transforms negotiated for an IKE SA (RFC 7296 §3.3): one of each type, every one implemented here. A
 * combined-mode cipher takes no integrity transform and any other cipher needs one (RFC 5282 §8; an INTEG
 * transform of {@link IntegrityAlgorithm#NONE} beside an AEAD is stored as {@code null}). ENCR_NULL and the
 * key exchange method NONE are not allowed for an IKE SA.
 *
 * @param encryption the ENCR transform
 * @param keyBits its Key Length attribute in bits; 0 for algorithms with a fixed key (RFC 7296 §3.3.5)
 * @param pseudorandomFunction the PRF transform ({@link #prf()} gives the function itself)
 * @param integrity the INTEG transform; null for an AEAD
 * @param keyExchange the KE transform of IKE_SA_INIT (or of the CREATE_CHILD_SA that rekeyed the SA)
 */
public record IkeSuite(EncryptionAlgorithm encryption, int keyBits, PseudorandomFunction pseudorandomFunction,
                       IntegrityAlgorithm integrity, KeyExchangeMethod keyExchange) {

    public IkeSuite {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(pseudorandomFunction, "pseudorandomFunction");
        Objects.requireNonNull(keyExchange, "keyExchange");
        if (encryption == EncryptionAlgorithm.ENCR_NULL || !Transforms.implemented(encryption)) {
            throw new IllegalArgumentException(encryption + " cannot protect an IKE SA here");
        }
        boolean keyBitsOk = encryption.hasKeyLengthAttribute() ? encryption.acceptsKeyBits(keyBits) : keyBits == 0;
        if (!keyBitsOk) {
            throw new IllegalArgumentException(encryption + " does not take a Key Length of " + keyBits + " bits");
        }
        if (integrity == IntegrityAlgorithm.NONE) {
            integrity = null;
        }
        if (encryption.isAead() && integrity != null) {
            throw new IllegalArgumentException(encryption + " is combined-mode and takes no integrity transform, got " + integrity);
        }
        if (!encryption.isAead() && (integrity == null || !Transforms.implemented(integrity))) {
            throw new IllegalArgumentException(encryption + " needs an implemented integrity transform, got " + integrity);
        }
        if (!Transforms.implemented(pseudorandomFunction)) {
            throw new IllegalArgumentException(pseudorandomFunction + " is not implemented");
        }
        if (!KeyExchanges.isSupported(keyExchange)) {
            throw new IllegalArgumentException(keyExchange + " is not implemented");
        }
    }

    /** Octets of SK_ei and SK_er: the key, and for an AEAD the 4-octet salt (RFC 5282 §7.1, RFC 7634 §2). */
    public int encryptionKeyLength() {
        return Transforms.keyMaterialLength(encryption, keyBits);
    }

    /** Octets of SK_ai and SK_ar: the integrity algorithm's key length, 0 for an AEAD. */
    public int integrityKeyLength() {
        return integrity == null ? 0 : integrity.keyLength();
    }

    /** The negotiated pseudorandom function. */
    public Prf prf() {
        return Transforms.prf(pseudorandomFunction);
    }
}
