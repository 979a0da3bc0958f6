package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import java.nio.ByteBuffer;

/**
 * The keys of a CHILD_SA pair (RFC 7296 §2.17):
 * <pre>
 * KEYMAT = prf+(SK_d, Ni | Nr)                 without a key exchange
 * KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr)    with one (PFS in CREATE_CHILD_SA)
 * </pre>
 * taken in the order: encryption key then integrity key of the SA carrying initiator-to-responder traffic, then the
 * same for the responder-to-initiator SA (§2.17, RFC 4301 §5.2 for ESP's encryption-before-integrity order).
 * "Initiator" is the initiator of the exchange that created the CHILD_SA. ESP AEAD keys include the 4-octet salt:
 * pass {@code Transforms.keyMaterialLength} as the encryption key length.
 *
 * <p>The accessors return this object's own arrays, not copies: callers read them (to build ESP SAs, which copy
 * them) and neither change nor keep them; {@link #destroy()} wipes them, after which the accessors throw
 * {@link IllegalStateException}. {@link #toString()} shows lengths only. Not thread-safe.
 */
public final class ChildSaKeys extends DerivedKeys {
    private static final String[] NAMES = {"encryptionInitiator", "integrityInitiator", "encryptionResponder", "integrityResponder"};

    private ChildSaKeys(Prf prf, byte[] skD, byte[] seed, int encryptionKeyLength, int integrityKeyLength) {
        super(prf, skD, seed, NAMES,
                encryptionKeyLength, integrityKeyLength, encryptionKeyLength, integrityKeyLength);
    }

    /**
     * Derives KEYMAT and splits it.
     *
     * @param prf the IKE SA's PRF
     * @param skD the IKE SA's SK_d, which the caller keeps
     * @param sharedSecretOrNull g^ir of the CREATE_CHILD_SA exchange's key exchange, or null without one; the caller
     *     keeps and wipes it
     * @param ni the Nonce Data of the exchange's request
     * @param nr the Nonce Data of its response
     * @param encryptionKeyLength octets of encryption keying material per direction (0 for none)
     * @param integrityKeyLength octets of integrity key per direction (0 for an AEAD)
     */
    public static ChildSaKeys derive(Prf prf, byte[] skD, byte[] sharedSecretOrNull, byte[] ni, byte[] nr,
                                     int encryptionKeyLength, int integrityKeyLength) {
        checkNonces(ni, nr);
        if (encryptionKeyLength < 0 || integrityKeyLength < 0) {
            throw new IllegalArgumentException("key lengths must not be negative");
        }
        byte[] sharedSecret = sharedSecretOrNull == null ? new byte[0] : sharedSecretOrNull;
        byte[] seed = ByteBuffer.allocate(sharedSecret.length + ni.length + nr.length).put(sharedSecret).put(ni).put(nr).array();
        try {
            return new ChildSaKeys(prf, skD, seed, encryptionKeyLength, integrityKeyLength);
        } finally {
            KeyMaterial.wipe(seed);
        }
    }

    /** The encryption keying material of the initiator-to-responder SA. */
    public byte[] encryptionInitiator() {
        return key(0);
    }

    /** The integrity key of the initiator-to-responder SA; empty for an AEAD. */
    public byte[] integrityInitiator() {
        return key(1);
    }

    /** The encryption keying material of the responder-to-initiator SA. */
    public byte[] encryptionResponder() {
        return key(2);
    }

    /** The integrity key of the responder-to-initiator SA; empty for an AEAD. */
    public byte[] integrityResponder() {
        return key(3);
    }
}
