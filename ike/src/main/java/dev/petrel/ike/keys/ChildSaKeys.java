package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.crypto.prf.PrfPlus;
import java.nio.ByteBuffer;

/**
 * A CHILD_SA's keys (RFC 7296 §2.17): KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), taken as the initiator-to-
 * responder encryption and integrity keys, then the responder-to-initiator ones. "Initiator" is the initiator of
 * the exchange that created the CHILD_SA. Accessors return the arrays owned by this object.
 */
public final class ChildSaKeys {
    private final byte[] encryptionInitiator;
    private final byte[] integrityInitiator;
    private final byte[] encryptionResponder;
    private final byte[] integrityResponder;

    private ChildSaKeys(PrfPlus keymat, int encryptionKeyLength, int integrityKeyLength) {
        encryptionInitiator = keymat.next(encryptionKeyLength);
        integrityInitiator = keymat.next(integrityKeyLength);
        encryptionResponder = keymat.next(encryptionKeyLength);
        integrityResponder = keymat.next(integrityKeyLength);
    }

    /** @param sharedSecret the PFS secret of CREATE_CHILD_SA, or null */
    public static ChildSaKeys derive(Prf prf, byte[] skD, byte[] sharedSecret, byte[] ni, byte[] nr,
            int encryptionKeyLength, int integrityKeyLength) {
        int g = sharedSecret == null ? 0 : sharedSecret.length;
        ByteBuffer seed = ByteBuffer.allocate(g + ni.length + nr.length);
        if (sharedSecret != null) {
            seed.put(sharedSecret);
        }
        byte[] s = seed.put(ni).put(nr).array();
        try (PrfPlus keymat = new PrfPlus(prf, skD, s)) {
            return new ChildSaKeys(keymat, encryptionKeyLength, integrityKeyLength);
        } finally {
            KeyMaterial.wipe(s);
        }
    }

    public byte[] encryptionInitiator() {
        return encryptionInitiator;
    }

    public byte[] integrityInitiator() {
        return integrityInitiator;
    }

    public byte[] encryptionResponder() {
        return encryptionResponder;
    }

    public byte[] integrityResponder() {
        return integrityResponder;
    }

    public void destroy() {
        KeyMaterial.wipe(encryptionInitiator);
        KeyMaterial.wipe(integrityInitiator);
        KeyMaterial.wipe(encryptionResponder);
        KeyMaterial.wipe(integrityResponder);
    }

    @Override
    public String toString() {
        return "ChildSaKeys[encryption " + encryptionInitiator.length + ", integrity " + integrityInitiator.length + " octets]";
    }
}
