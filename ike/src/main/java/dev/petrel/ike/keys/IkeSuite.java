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
 * The transforms an IKE SA negotiated (RFC 7296 §3.3.2): encryption (with its key length), PRF, integrity (null
 * for the AEADs, RFC 5282) and key exchange.
 */
public record IkeSuite(EncryptionAlgorithm encryption, int keyBits, PseudorandomFunction prfAlgorithm,
        IntegrityAlgorithm integrity, KeyExchangeMethod keyExchange) {
    public IkeSuite {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(prfAlgorithm, "prf");
        Objects.requireNonNull(keyExchange, "keyExchange");
        if (encryption.isAead() != (integrity == null)) {
            throw new IllegalArgumentException(encryption.isAead()
                    ? encryption + " takes no integrity algorithm" : encryption + " needs an integrity algorithm");
        }
        if (!Transforms.implemented(encryption) || !Transforms.implemented(prfAlgorithm)
                || (integrity != null && !Transforms.implemented(integrity)) || !KeyExchanges.isSupported(keyExchange)) {
            throw new IllegalArgumentException("IKE suite " + describe(encryption, keyBits, prfAlgorithm, integrity, keyExchange)
                    + " is not implemented");
        }
        Transforms.keyMaterialLength(encryption, keyBits);
    }

    public Prf prf() {
        return Transforms.prf(prfAlgorithm);
    }

    /** SK_e octets: the cipher key, plus the 4-octet salt for the AEADs (RFC 5282 §7). */
    public int encryptionKeyLength() {
        return Transforms.keyMaterialLength(encryption, keyBits);
    }

    /** SK_a octets; 0 for the AEADs. */
    public int integrityKeyLength() {
        return integrity == null ? 0 : integrity.keyLength();
    }

    @Override
    public String toString() {
        return describe(encryption, keyBits, prfAlgorithm, integrity, keyExchange);
    }

    private static String describe(EncryptionAlgorithm e, int bits, PseudorandomFunction p, IntegrityAlgorithm i,
            KeyExchangeMethod k) {
        return e + (bits > 0 ? "-" + bits : "") + "/" + p + (i == null ? "" : "/" + i) + "/" + k;
    }
}
