package dev.petrel.wire.ike;

import java.util.Arrays;

/** A growing big-endian output buffer for encoders; values are truncated to their field's width. */
final class Writer {
    private byte[] buf = new byte[256];
    private int size;

    int position() {
        return size;
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u32(int v) {
        u16(v >>> 16);
        u16(v);
    }

    void zeros(int n) {
        ensure(n);
        size += n;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** A 16-bit length field of {@code n} octets of what follows. */
    void length16(int n) {
        u16(checkLength(n));
    }

    /**
     * Fills in the 16-bit length field at {@code start + 2} of the structure that began at {@code start} and ends
     * here: the generic payload header, proposals, transforms and traffic selectors all put it there.
     */
    void patchLength(int start) {
        int n = checkLength(size - start);
        buf[start + 2] = (byte) (n >>> 8);
        buf[start + 3] = (byte) n;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private static int checkLength(int n) {
        if (n > 0xffff) {
            throw new IllegalArgumentException(n + " octets do not fit a 16-bit length field");
        }
        return n;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + n));
        }
    }
}
