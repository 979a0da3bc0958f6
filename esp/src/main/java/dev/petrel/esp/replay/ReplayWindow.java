package dev.petrel.esp.replay;

import java.util.Arrays;

/**
 * The receiver's anti-replay window (RFC 4303 §3.4.3) as a ring of 64-bit blocks in the style of RFC 6479: the
 * check and the update are O(1), sliding clears whole blocks, and one spare block means the window never has to
 * shift bits. The configured size is rounded up to a multiple of 64; 0 disables the check (the highest sequence
 * number is still tracked, for ESN). Also infers the high-order ESN bits (RFC 4303 Appendix A2.2).
 *
 * <p>Callers {@link #check} before decrypting and {@link #update} only after the ICV verified, so that forged
 * packets never move the window. Sequence numbers are unsigned 64-bit values. Not thread-safe: one per SA.
 */
public final class ReplayWindow {
    /** The largest window accepted, in packets. */
    public static final int MAX_SIZE = 32768;
    /** The window width used for ESN inference when anti-replay is off. */
    static final int ESN_INFERENCE_WIDTH = 64;

    private final int size;
    private final long[] ring;
    private final int blockMask;
    private long top;

    /** @param requestedSize packets, 0 to {@value #MAX_SIZE}; 0 turns anti-replay off */
    public ReplayWindow(int requestedSize) {
        if (requestedSize < 0 || requestedSize > MAX_SIZE) {
            throw new IllegalArgumentException("replay window must be 0 to " + MAX_SIZE + " packets, got " + requestedSize);
        }
        this.size = (requestedSize + 63) & ~63;
        int blocks = size == 0 ? 0 : Integer.highestOneBit(size / 64) * 2;
        this.ring = new long[blocks];
        this.blockMask = blocks - 1;
    }

    /** The window size in packets, after rounding; 0 when off. */
    public int size() {
        return size;
    }

    /** The highest sequence number accepted so far (0 before the first). */
    public long top() {
        return top;
    }

    /** True when {@code seq} is new and not too old; a sequence number of 0 is never sent (RFC 4303 §3.3.3). */
    public boolean check(long seq) {
        if (size == 0) {
            return true;
        }
        if (seq == 0) {
            return false;
        }
        if (Long.compareUnsigned(seq, top) > 0) {
            return true;
        }
        if (Long.compareUnsigned(top - seq, size) >= 0) {
            return false;
        }
        return (ring[block(seq)] & bit(seq)) == 0;
    }

    /** Records {@code seq}, which passed {@link #check} and whose ICV verified, sliding the window if it is ahead. */
    public void update(long seq) {
        if (Long.compareUnsigned(seq, top) > 0) {
            if (size != 0) {
                long from = top >>> 6;
                long to = seq >>> 6;
                if (to - from >= ring.length) {
                    Arrays.fill(ring, 0);
                } else {
                    for (long b = from + 1; b <= to; b++) {
                        ring[(int) b & blockMask] = 0;
                    }
                }
            }
            top = seq;
        }
        if (size != 0) {
            ring[block(seq)] |= bit(seq);
        }
    }

    /**
     * Moves the window forward so that {@code highest} is its top and nothing in it has been seen, e.g. to resume
     * an SA handed over from another node. Never moves it back.
     */
    public void restore(long highest) {
        if (Long.compareUnsigned(highest, top) < 0) {
            throw new IllegalArgumentException("the replay window cannot move back");
        }
        top = highest;
        Arrays.fill(ring, 0);
    }

    /**
     * The full 64-bit sequence number of a packet that carries the low-order 32 bits {@code seqLow}, when ESN is in
     * use (RFC 4303 Appendix A2.2): the high-order bits of the top of the window, or one more when the low bits
     * wrapped past it, or one less when they lie in the window below a wrap. Before the first wrap there is no
     * earlier epoch, so "one less" stays 0.
     */
    public long inferSequenceNumber(int seqLow) {
        long w = size == 0 ? ESN_INFERENCE_WIDTH : size;
        long tl = top & 0xffffffffL;
        long th = top >>> 32;
        long sl = seqLow & 0xffffffffL;
        long sh;
        if (tl >= w - 1) {
            sh = sl >= tl - w + 1 ? th : th + 1;
        } else {
            sh = sl >= ((tl - w + 1) & 0xffffffffL) ? Math.max(th - 1, 0) : th;
        }
        return (sh << 32) | sl;
    }

    private int block(long seq) {
        return (int) (seq >>> 6) & blockMask;
    }

    private static long bit(long seq) {
        return 1L << (seq & 63);
    }

    @Override
    public String toString() {
        return "ReplayWindow[size=" + size + ", top=" + Long.toUnsignedString(top) + "]";
    }
}
