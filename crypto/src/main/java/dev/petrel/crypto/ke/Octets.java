package dev.petrel.crypto.ke;

import java.math.BigInteger;

/** Fixed-length integer encodings of the KE payload formats. */
final class Octets {
    private Octets() {}

    /** {@code value} as an unsigned big-endian integer left-padded with zeros to {@code length} octets. */
    static byte[] bigEndian(BigInteger value, int length) {
        byte[] magnitude = value.toByteArray();
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int size = magnitude.length - skip;
        if (value.signum() < 0 || size > length) {
            throw new IllegalArgumentException("value does not fit in " + length + " octets");
        }
        byte[] out = new byte[length];
        System.arraycopy(magnitude, skip, out, length - size, size);
        return out;
    }

    /** {@code value} as an unsigned little-endian integer of {@code length} octets (RFC 7748 §5). */
    static byte[] littleEndian(BigInteger value, int length) {
        byte[] out = bigEndian(value, length);
        reverse(out);
        return out;
    }

    /** The unsigned little-endian integer in {@code octets}. */
    static BigInteger fromLittleEndian(byte[] octets) {
        byte[] be = octets.clone();
        reverse(be);
        return new BigInteger(1, be);
    }

    /** True if every octet is zero, in time that depends only on the length. */
    static boolean isAllZero(byte[] octets) {
        int acc = 0;
        for (byte b : octets) {
            acc |= b;
        }
        return acc == 0;
    }

    private static void reverse(byte[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
