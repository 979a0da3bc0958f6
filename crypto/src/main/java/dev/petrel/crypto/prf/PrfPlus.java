package dev.petrel.crypto.prf;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.mac.KeyedMac;

/**
 * The IKEv2 key stream prf+ (RFC 7296 §2.13): prf+(K, S) = T1 | T2 | T3 | ... with T1 = prf(K, S | 0x01) and
 * Tn = prf(K, Tn-1 | S | n), n a single octet, so at most 255 blocks. Octets are drawn in order with {@link #next},
 * which is how keys are carved from the stream (SK_d | SK_ai | SK_ar | ..., RFC 7296 §2.14, §2.17). The seed may
 * hold secrets (g^ir in KEYMAT); it is copied and, with every block, wiped on {@link #close()}.
 */
public final class PrfPlus implements AutoCloseable {
    private static final int MAX_ITERATIONS = 255;

    private final KeyedMac mac;
    private final byte[] seed;
    private final byte[] block;
    private int blockLength;
    private int position;
    private int iteration;

    /** @param key K, which the caller keeps (and wipes); @param seed S, copied */
    public PrfPlus(Prf prf, byte[] key, byte[] seed) {
        this.mac = prf.keyed(key);
        this.seed = seed.clone();
        this.block = new byte[mac.macLength()];
    }

    /** prf+(K, S) truncated to {@code length} octets. */
    public static byte[] derive(Prf prf, byte[] key, byte[] seed, int length) {
        try (PrfPlus stream = new PrfPlus(prf, key, seed)) {
            return stream.next(length);
        }
    }

    /** The next {@code length} octets of the stream. */
    public byte[] next(int length) {
        byte[] out = new byte[length];
        next(out, 0, length);
        return out;
    }

    /** Writes the next {@code len} octets of the stream to {@code out[off, off+len)}. */
    public void next(byte[] out, int off, int len) {
        int available = (MAX_ITERATIONS - iteration) * block.length + (blockLength - position);
        if (len > available) {
            throw new PrfPlusLimitException(len, available);
        }
        while (len > 0) {
            if (position == blockLength) {
                nextBlock();
            }
            int n = Math.min(blockLength - position, len);
            System.arraycopy(block, position, out, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    private void nextBlock() {
        iteration++;
        mac.update(block, 0, blockLength);
        mac.update(seed);
        mac.update(new byte[] {(byte) iteration});
        mac.doFinal(block, 0);
        blockLength = block.length;
        position = 0;
    }

    @Override
    public void close() {
        KeyMaterial.wipe(block);
        KeyMaterial.wipe(seed);
        mac.close();
    }

    @Override
    public String toString() {
        return "PrfPlus[" + mac + ", iteration " + iteration + "]";
    }
}
