package dev.petrel.crypto.aead;

import dev.petrel.crypto.KeyMaterial;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM with an ICV shorter than the JDK produces (ENCR_AES_GCM_8, RFC 4106 §3), built from JCA AES-GCM and
 * AES-CTR; no AES or GHASH of our own. A tag truncated to t bits is the leftmost t bits of the full tag
 * (NIST SP 800-38D §5.2.1.2), so:
 * <ul>
 * <li>seal GCM-encrypts with the 16-octet tag into a scratch array and copies back ciphertext || the first
 *     {@code icvLength} tag octets, since the caller leaves only {@code icvLength} octets after the plaintext;
 * <li>open decrypts into the scratch array with AES-CTR from inc32(J0), J0 = nonce || 0x00000001 for the 96-bit
 *     nonce (SP 800-38D §7.1, §7.2), recomputes the full tag by GCM-encrypting that plaintext with the same AAD
 *     and nonce on a second Cipher, and compares its first {@code icvLength} octets in constant time. The caller's
 *     buffer is written only after the ICV verified, so a forged packet leaves it exactly as it came.
 * </ul>
 * The JCA's CTR carries into the whole 128-bit counter block where GCM's inc32 wraps the low 32 bits; from 2 the
 * two differ only after 2^32 - 2 blocks, far beyond any Java array.
 */
final class TruncatedGcm {
    static final int FULL_TAG = 16;

    private final JcaAead aead;
    private final int icvLength;
    private final Cipher ctr = JcaAead.newCipher("AES/CTR/NoPadding");
    /** GCM-encrypts on open to recompute tags, apart from the sealing Cipher so the two IV histories never mix. */
    private final Cipher tagger = JcaAead.newCipher("AES/GCM/NoPadding");
    /** The counter block: the nonce, then inc32(J0)'s low word, 2. */
    private final byte[] counter = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    /** The nonce of the tagger's last ENCRYPT initialisation. */
    private final byte[] taggerNonce = new byte[JcaAead.SALT_LENGTH + JcaAead.IV_LENGTH];
    /**
     * Scratch arrays sized to the largest packet seen: GCM's output, ciphertext and full tag, and on open the
     * recovered plaintext. Two arrays, as the JDK copies its input when GCM reads and writes one array.
     */
    private byte[] output = new byte[0];
    private byte[] plaintext = new byte[0];

    TruncatedGcm(JcaAead aead, int icvLength) {
        this.aead = aead;
        this.icvLength = icvLength;
    }

    int seal(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        Cipher gcm = aead.init(Cipher.ENCRYPT_MODE, iv, ivOff);
        output = grown(output, len + FULL_TAG);
        try {
            gcm.updateAAD(aad, aadOff, aadLen);
            gcm.doFinal(buf, off, len, output, 0);
        } catch (GeneralSecurityException e) {
            throw aead.failure("encryption failed", e);
        }
        System.arraycopy(output, 0, buf, off, len + icvLength);
        return len + icvLength;
    }

    int open(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        if (len < icvLength) {
            return -1;
        }
        int n = len - icvLength;
        byte[] nonce = aead.nonce(iv, ivOff);
        System.arraycopy(nonce, 0, counter, 0, nonce.length);
        plaintext = grown(plaintext, n);
        output = grown(output, n + FULL_TAG);
        try {
            aead.init(ctr, Cipher.DECRYPT_MODE, new IvParameterSpec(counter));
            ctr.doFinal(buf, off, n, plaintext, 0);
            initTagger(nonce);
            tagger.updateAAD(aad, aadOff, aadLen);
            tagger.doFinal(plaintext, 0, n, output, 0);
        } catch (GeneralSecurityException e) {
            throw aead.failure("decryption failed", e);
        }
        if (!KeyMaterial.constantTimeEquals(output, n, buf, off + n, icvLength)) {
            Arrays.fill(plaintext, 0, n, (byte) 0); // neither the plaintext nor the forgery's full tag stays
            Arrays.fill(output, n, n + FULL_TAG, (byte) 0);
            return -1;
        }
        System.arraycopy(plaintext, 0, buf, off, n);
        return n;
    }

    /**
     * Initialises the tagger to encrypt under {@code nonce}. The JDK refuses an ENCRYPT initialisation with the key
     * and IV of the one before it ("Cannot reuse iv for GCM encryption"), which a duplicated packet would hit when
     * anti-replay is off. The refusal guards against sending two ciphertexts under one nonce; the tagger sends
     * nothing, only the one-bit comparison of its tag leaves this class, so an initialisation with another nonce
     * goes in between, which lifts the refusal. The sealing Cipher keeps its own refusal.
     */
    private void initTagger(byte[] nonce) {
        if (Arrays.equals(nonce, taggerNonce)) {
            taggerNonce[taggerNonce.length - 1] ^= 1;
            aead.init(tagger, Cipher.ENCRYPT_MODE, AesGcm.gcm(taggerNonce, FULL_TAG));
        }
        aead.init(tagger, Cipher.ENCRYPT_MODE, AesGcm.gcm(nonce, FULL_TAG));
        System.arraycopy(nonce, 0, taggerNonce, 0, nonce.length);
    }

    /** {@code scratch} if it holds {@code length} octets, else, wiping it, a new array of the next power of two. */
    private static byte[] grown(byte[] scratch, int length) {
        if (scratch.length >= length) {
            return scratch;
        }
        KeyMaterial.wipe(scratch);
        return new byte[Integer.highestOneBit(2 * length - 1)];
    }

    /** Wipes the salt and the last packet's plaintext. */
    void wipe() {
        KeyMaterial.wipe(counter);
        KeyMaterial.wipe(taggerNonce);
        KeyMaterial.wipe(output);
        KeyMaterial.wipe(plaintext);
    }
}
