package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.crypto.prf.PrfPlus;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The seven secrets of an IKE SA (RFC 7296 §2.14): SKEYSEED = prf(Ni | Nr, g^ir), then
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr). The accessors
 * return the arrays themselves, owned by this object; {@link #destroy()} wipes them.
 */
public final class IkeSaKeys {
    private final byte[] skD;
    private final byte[] skAi;
    private final byte[] skAr;
    private final byte[] skEi;
    private final byte[] skEr;
    private final byte[] skPi;
    private final byte[] skPr;

    private IkeSaKeys(IkeSuite suite, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
        Prf prf = suite.prf();
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(spiI).putLong(spiR).array();
        try (PrfPlus stream = new PrfPlus(prf, skeyseed, seed)) {
            int p = prf.preferredKeyLength();
            skD = stream.next(p);
            skAi = stream.next(suite.integrityKeyLength());
            skAr = stream.next(suite.integrityKeyLength());
            skEi = stream.next(suite.encryptionKeyLength());
            skEr = stream.next(suite.encryptionKeyLength());
            skPi = stream.next(p);
            skPr = stream.next(p);
        } finally {
            KeyMaterial.wipe(skeyseed);
        }
    }

    /** The keys of a new IKE SA from IKE_SA_INIT's shared secret, nonces and SPIs. */
    public static IkeSaKeys derive(IkeSuite suite, byte[] sharedSecret, byte[] ni, byte[] nr, long spiI, long spiR) {
        Prf prf = suite.prf();
        byte[] key = nonceKey(suite.prfAlgorithm(), ni, nr);
        try {
            return new IkeSaKeys(suite, prf.compute(key, sharedSecret), ni, nr, spiI, spiR);
        } finally {
            KeyMaterial.wipe(key);
        }
    }

    /** The keys of an IKE SA that rekeys another (§2.18): SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr). */
    public static IkeSaKeys deriveRekeyed(IkeSuite newSuite, Prf oldPrf, byte[] oldSkD, byte[] sharedSecret, byte[] ni,
            byte[] nr, long spiI, long spiR) {
        return new IkeSaKeys(newSuite, oldPrf.compute(oldSkD, sharedSecret, ni, nr), ni, nr, spiI, spiR);
    }

    /**
     * The SKEYSEED key Ni | Nr; a PRF with a fixed key size (AES128-XCBC) takes the first half of its key from each
     * nonce (§2.14).
     */
    private static byte[] nonceKey(PseudorandomFunction prf, byte[] ni, byte[] nr) {
        if (prf == PseudorandomFunction.PRF_AES128_XCBC) {
            byte[] key = new byte[16];
            System.arraycopy(ni, 0, key, 0, Math.min(8, ni.length));
            System.arraycopy(nr, 0, key, 8, Math.min(8, nr.length));
            return key;
        }
        byte[] key = Arrays.copyOf(ni, ni.length + nr.length);
        System.arraycopy(nr, 0, key, ni.length, nr.length);
        return key;
    }

    public byte[] skD() {
        return skD;
    }

    public byte[] skAi() {
        return skAi;
    }

    public byte[] skAr() {
        return skAr;
    }

    public byte[] skEi() {
        return skEi;
    }

    public byte[] skEr() {
        return skEr;
    }

    public byte[] skPi() {
        return skPi;
    }

    public byte[] skPr() {
        return skPr;
    }

    public void destroy() {
        for (byte[] k : new byte[][] {skD, skAi, skAr, skEi, skEr, skPi, skPr}) {
            KeyMaterial.wipe(k);
        }
    }

    @Override
    public String toString() {
        return "IkeSaKeys[SK_d " + skD.length + ", SK_a " + skAi.length + ", SK_e " + skEi.length + ", SK_p " + skPi.length
                + " octets]";
    }
}
