package dev.petrel.esp.suite;

import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.esp.EspHeader;

/**
 * A confidentiality transform (AES-CBC or ENCR_NULL) with a separate integrity transform, encrypt-then-MAC: the ICV
 * covers the ESP header, IV and ciphertext, and with ESN the high-order 32 bits of the sequence number appended
 * for the computation only (RFC 4303 §2.2.1, §3.3.2.2). The receiver verifies before it decrypts (§3.4.4.1).
 */
public final class CipherIntegritySuite implements EspSuite {
    private final BlockCipher cipher;
    private final Integrity integrity;
    private final boolean esn;
    private final byte[] seqHighOctets = new byte[4];

    CipherIntegritySuite(BlockCipher cipher, Integrity integrity, boolean esn) {
        this.cipher = cipher;
        this.integrity = integrity;
        this.esn = esn;
    }

    @Override
    public int ivLength() {
        return cipher.ivLength();
    }

    @Override
    public int icvLength() {
        return integrity.icvLength();
    }

    @Override
    public int alignment() {
        return Math.max(cipher.blockSize(), 4);
    }

    @Override
    public int ciphertextBlock() {
        return cipher.blockSize();
    }

    @Override
    public void protect(byte[] buf, int espOff, int ciphertextLength, int seqHigh) {
        int ivOff = espOff + EspHeader.LENGTH;
        int ctOff = ivOff + cipher.ivLength();
        cipher.encrypt(buf, ivOff, buf, ctOff, ciphertextLength);
        authenticate(buf, espOff, ctOff + ciphertextLength - espOff, seqHigh);
        integrity.sign(buf, ctOff + ciphertextLength);
    }

    @Override
    public boolean unprotect(byte[] buf, int espOff, int ciphertextLength, int seqHigh) {
        int ivOff = espOff + EspHeader.LENGTH;
        int ctOff = ivOff + cipher.ivLength();
        authenticate(buf, espOff, ctOff + ciphertextLength - espOff, seqHigh);
        if (!integrity.verify(buf, ctOff + ciphertextLength)) {
            return false;
        }
        cipher.decrypt(buf, ivOff, buf, ctOff, ciphertextLength);
        return true;
    }

    private void authenticate(byte[] buf, int espOff, int coveredLength, int seqHigh) {
        integrity.update(buf, espOff, coveredLength);
        if (esn) {
            seqHighOctets[0] = (byte) (seqHigh >>> 24);
            seqHighOctets[1] = (byte) (seqHigh >>> 16);
            seqHighOctets[2] = (byte) (seqHigh >>> 8);
            seqHighOctets[3] = (byte) seqHigh;
            integrity.update(seqHighOctets, 0, 4);
        }
    }

    @Override
    public void destroy() {
        cipher.destroy();
        integrity.destroy();
    }

    @Override
    public String toString() {
        return cipher + " + " + integrity + (esn ? ", ESN" : "");
    }
}
