package dev.petrel.crypto.aead;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** ENCR_CHACHA20_POLY1305 (RFC 7634): a 256-bit key, a 4-octet salt and a 16-octet tag. */
public final class ChaCha20Poly1305 extends JcaAead {
    public static final int KEY_LENGTH = 32;

    public ChaCha20Poly1305(byte[] keyMaterial) {
        super("ChaCha20-Poly1305", "ChaCha20", keyMaterial, KEY_LENGTH, 16);
    }

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce, int tagLength) {
        return new IvParameterSpec(nonce);
    }
}
