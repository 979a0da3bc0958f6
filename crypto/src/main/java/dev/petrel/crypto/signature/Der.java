package dev.petrel.crypto.signature;

import java.util.Arrays;

/**
 * Just enough DER (X.690 §8, §10) to take an AlgorithmIdentifier apart: one tag-length-value at a time, definite
 * lengths only. The values themselves go to the JDK (algorithm parameters) or are compared as octets.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int NULL = 0x05;

    private Der() {}

    /**
     * One element: its tag, its value octets, and the offset just after it.
     *
     * @param encoded the whole element, tag and length included
     */
    record Element(int tag, byte[] value, byte[] encoded, int end) {}

    /** The element at {@code offset} of {@code der}; fails on a truncated or indefinite-length encoding. */
    static Element read(byte[] der, int offset) {
        if (offset + 2 > der.length) {
            throw new IllegalArgumentException("DER element truncated at offset " + offset);
        }
        int tag = der[offset] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("DER tag 0x" + Integer.toHexString(tag) + " with a long form number");
        }
        int first = der[offset + 1] & 0xff;
        int at = offset + 2;
        long length = first;
        if (first > 0x80 && first <= 0x84) {
            int octets = first & 0x7f;
            if (at + octets > der.length) {
                throw new IllegalArgumentException("DER length truncated at offset " + offset);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[at++] & 0xff);
            }
        } else if (first >= 0x80) {
            throw new IllegalArgumentException("DER length form 0x" + Integer.toHexString(first) + " at offset " + offset);
        }
        if (length > der.length - at) {
            throw new IllegalArgumentException("DER value of " + length + " octets overruns at offset " + offset);
        }
        int end = at + (int) length;
        return new Element(tag, Arrays.copyOfRange(der, at, end), Arrays.copyOfRange(der, offset, end), end);
    }
}
