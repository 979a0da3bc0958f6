package dev.petrel.esp.suite;

import dev.petrel.crypto.aead.Aead;
import dev.petrel.wire.esp.EspHeader;

/**
 * AES-GCM (RFC 4106) and ChaCha20-Poly1305 (RFC 7634) in ESP: the AAD is SPI || Sequence Number, or with ESN
 * SPI || high-order 32 bits || low-order 32 bits (RFC 4106 §5, RFC 7634 §2.1). Without ESN the AAD is read in
 * place from the ESP header; with ESN it is assembled in a scratch array.
 */
public final class AeadSuite implements EspSuite {
    private static final int ESN_AAD_LENGTH = 12;

    private final Aead aead;
    private final boolean esn;
    private final byte[] aad = new byte[ESN_AAD_LENGTH];

    AeadSuite(Aead aead, boolean esn) {
        this.aead = aead;
        this.esn = esn;
    }

    @Override
    public int ivLength() {
        return aead.ivLength();
    }

    @Override
    public int icvLength() {
        return aead.tagLength();
    }

    @Override
    public int alignment() {
        return 4;
    }

    @Override
    public int ciphertextBlock() {
        return 1;
    }

    @Override
    public void protect(byte[] buf, int espOff, int ciphertextLength, int seqHigh) {
        int ivOff = espOff + EspHeader.LENGTH;
        if (esn) {
            esnAad(buf, espOff, seqHigh);
            aead.seal(buf, ivOff, aad, 0, ESN_AAD_LENGTH, buf, ivOff + aead.ivLength(), ciphertextLength);
        } else {
            aead.seal(buf, ivOff, buf, espOff, EspHeader.LENGTH, buf, ivOff + aead.ivLength(), ciphertextLength);
        }
    }

    @Override
    public boolean unprotect(byte[] buf, int espOff, int ciphertextLength, int seqHigh) {
        int ivOff = espOff + EspHeader.LENGTH;
        int len = ciphertextLength + aead.tagLength();
        if (esn) {
            esnAad(buf, espOff, seqHigh);
            return aead.open(buf, ivOff, aad, 0, ESN_AAD_LENGTH, buf, ivOff + aead.ivLength(), len) >= 0;
        }
        return aead.open(buf, ivOff, buf, espOff, EspHeader.LENGTH, buf, ivOff + aead.ivLength(), len) >= 0;
    }

    private void esnAad(byte[] buf, int espOff, int seqHigh) {
        System.arraycopy(buf, espOff, aad, 0, 4);
        aad[4] = (byte) (seqHigh >>> 24);
        aad[5] = (byte) (seqHigh >>> 16);
        aad[6] = (byte) (seqHigh >>> 8);
        aad[7] = (byte) seqHigh;
        System.arraycopy(buf, espOff + 4, aad, 8, 4);
    }

    @Override
    public void destroy() {
        aead.destroy();
    }

    @Override
    public String toString() {
        return aead + (esn ? ", ESN" : "");
    }
}
