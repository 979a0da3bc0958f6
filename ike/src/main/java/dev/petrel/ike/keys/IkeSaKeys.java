package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The seven secrets of an IKE SA (RFC 7296 §2.14):
 * <pre>
 * SKEYSEED = prf(Ni | Nr, g^ir)
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
 * </pre>
 * SK_d, SK_pi and SK_pr have the PRF's preferred key length (§2.13), SK_a* the integrity key length (0 with an
 * AEAD), SK_e* the encryption keying material length including an AEAD's salt. A rekeyed IKE SA takes its
 * SKEYSEED from the old SA's SK_d instead (§2.18, {@link #deriveRekeyed}).
 *
 * <p>The accessors return this object's own arrays, not copies: callers read them (to key an
 * {@code SkProtection}, a CHILD_SA or an AUTH payload) and neither change nor keep them; {@link #destroy()} wipes
 * them all, after which the accessors throw {@link IllegalStateException}. {@link #toString()} shows lengths only.
 * Not thread-safe.
 */
public final class IkeSaKeys extends DerivedKeys {
    private static final String[] NAMES = {"SK_d", "SK_ai", "SK_ar", "SK_ei", "SK_er", "SK_pi", "SK_pr"};
    /** Octets of each nonce that key SKEYSEED for AES-XCBC-PRF-128 and AES-CMAC-PRF-128 (§2.14). */
    private static final int FIXED_KEY_NONCE_PREFIX = 8;

    private IkeSaKeys(IkeSuite suite, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(spiI).putLong(spiR).array();
        int prfKey = suite.prf().preferredKeyLength();
        int integrity = suite.integrityKeyLength();
        int encryption = suite.encryptionKeyLength();
        super(suite.prf(), skeyseed, seed, NAMES,
                prfKey, integrity, integrity, encryption, encryption, prfKey, prfKey);
    }

    /**
     * The keys of a new IKE SA from its IKE_SA_INIT exchange.
     *
     * @param sharedSecret g^ir, which the caller keeps and wipes
     * @param ni the initiator's Nonce Data, 16 to 256 octets
     * @param nr the responder's Nonce Data, 16 to 256 octets
     * @param spiI the IKE SA initiator's SPI
     * @param spiR the IKE SA responder's SPI
     */
    public static IkeSaKeys derive(IkeSuite suite, byte[] sharedSecret, byte[] ni, byte[] nr, long spiI, long spiR) {
        checkNonces(ni, nr);
        return fromSkeyseed(suite, skeyseed(suite, sharedSecret, ni, nr), ni, nr, spiI, spiR);
    }

    /**
     * The keys of the IKE SA that a CREATE_CHILD_SA exchange creates to replace an old one (RFC 7296 §2.18):
     * SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) under the old SA's PRF, then the seven secrets as in §2.14
     * under the new suite's PRF.
     *
     * @param oldPrf the PRF of the IKE SA being rekeyed
     * @param oldSkD its SK_d, which the caller keeps
     * @param sharedSecret g^ir of this exchange, which the caller keeps and wipes
     * @param ni the Nonce Data of this exchange's request
     * @param nr the Nonce Data of its response
     * @param spiI the new IKE SA's initiator SPI (from the request's SA payload)
     * @param spiR the new IKE SA's responder SPI (from the response's SA payload)
     */
    public static IkeSaKeys deriveRekeyed(IkeSuite newSuite, Prf oldPrf, byte[] oldSkD, byte[] sharedSecret,
                                          byte[] ni, byte[] nr, long spiI, long spiR) {
        checkNonces(ni, nr);
        return fromSkeyseed(newSuite, rekeyedSkeyseed(oldPrf, oldSkD, sharedSecret, ni, nr), ni, nr, spiI, spiR);
    }

    /** SKEYSEED = prf(Ni | Nr, g^ir), only the first 64 bits of each nonce for the fixed-key PRFs (§2.14). */
    static byte[] skeyseed(IkeSuite suite, byte[] sharedSecret, byte[] ni, byte[] nr) {
        byte[] key = switch (suite.pseudorandomFunction()) {
            case PRF_AES128_XCBC, PRF_AES128_CMAC -> concat(
                    Arrays.copyOf(ni, FIXED_KEY_NONCE_PREFIX), Arrays.copyOf(nr, FIXED_KEY_NONCE_PREFIX));
            default -> concat(ni, nr);
        };
        return suite.prf().compute(key, sharedSecret);
    }

    /** SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) (§2.18). */
    static byte[] rekeyedSkeyseed(Prf oldPrf, byte[] oldSkD, byte[] sharedSecret, byte[] ni, byte[] nr) {
        return oldPrf.compute(oldSkD, sharedSecret, ni, nr);
    }

    private static IkeSaKeys fromSkeyseed(IkeSuite suite, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) {
        try {
            return new IkeSaKeys(suite, skeyseed, ni, nr, spiI, spiR);
        } finally {
            KeyMaterial.wipe(skeyseed);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** SK_d, the key for CHILD_SA keying material and for rekeying this SA (§2.17, §2.18). */
    public byte[] skD() {
        return key(0);
    }

    /** SK_ai, the integrity key of messages from the original initiator; empty with an AEAD. */
    public byte[] skAi() {
        return key(1);
    }

    /** SK_ar, the integrity key of messages from the original responder; empty with an AEAD. */
    public byte[] skAr() {
        return key(2);
    }

    /** SK_ei, the encryption key (with an AEAD's salt) of messages from the original initiator. */
    public byte[] skEi() {
        return key(3);
    }

    /** SK_er, the encryption key (with an AEAD's salt) of messages from the original responder. */
    public byte[] skEr() {
        return key(4);
    }

    /** SK_pi, which keys the initiator's ID in its signed octets (§2.15). */
    public byte[] skPi() {
        return key(5);
    }

    /** SK_pr, which keys the responder's ID in its signed octets (§2.15). */
    public byte[] skPr() {
        return key(6);
    }
}
