package dev.petrel.crypto.cipher;

/** ENCR_NULL (RFC 2410): no confidentiality, no IV; ESP still aligns the trailer to 4 octets (RFC 4303 §2.4). */
public final class NullCipher implements BlockCipher {
    public static final NullCipher INSTANCE = new NullCipher();

    private NullCipher() {}

    @Override
    public int blockSize() {
        return 4;
    }

    @Override
    public int ivLength() {
        return 0;
    }

    @Override
    public void encrypt(byte[] iv, int ivOff, byte[] buf, int off, int len) {}

    @Override
    public void decrypt(byte[] iv, int ivOff, byte[] buf, int off, int len) {}

    @Override
    public void destroy() {}

    @Override
    public String toString() {
        return "NullCipher";
    }
}
