package dev.petrel.wire.ip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
public final class InternetChecksum {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private InternetChecksum() {}

    /**
     * The checksum of {@code buf[off, off+len)}; an odd last octet is padded with a zero octet (RFC 1071 §4.1).
     * Verifying a region that holds its own checksum yields 0.
     */
    public static int compute(byte[] buf, int off, int len) {
        return fold(sum(buf, off, len));
    }

    /**
     * The checksum of an upper-layer message {@code buf[off, off+len)} with the pseudo-header of its IP packet: the
     * addresses at {@code addressesOffset} (source then destination, {@code addressLength} octets each), the
     * protocol and the length (RFC 768 and RFC 793 for IPv4, RFC 8200 §8.1 for IPv6). Allocates nothing; 0 when a
     * message that holds its own checksum verifies.
     */
    public static int withPseudoHeader(byte[] buf, int addressesOffset, int addressLength, int protocol, int off, int len) {
        return fold(sum(buf, addressesOffset, 2 * addressLength) + protocol + len + sum(buf, off, len));
    }

    /**
     * A checksum updated for one 16-bit word of what it covers changing from {@code before} to {@code after}, without
     * summing the rest again (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')): a correct checksum stays correct, an incorrect
     * one stays incorrect.
     */
    public static int adjust(int checksum, int before, int after) {
        return fold((~checksum & 0xffff) + (~before & 0xffff) + (after & 0xffff));
    }

    private static int fold(long sum) {
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * The ones' complement sum, not yet folded. Eight octets at a time as two 32-bit words: RFC 1071 §2(C) lets the sum
     * run in wider words and fold at the end, and 32-bit words in a 64-bit sum cannot overflow below 2^32 of them.
     */
    private static long sum(byte[] buf, int off, int len) {
        long sum = 0;
        int i = off;
        for (int end = off + (len & ~7); i < end; i += 8) {
            long v = (long) LONGS.get(buf, i);
            sum += (v >>> 32) + (v & 0xffffffffL);
        }
        int end = off + len - 1;
        for (; i < end; i += 2) {
            sum += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        if (i == end) {
            sum += (buf[i] & 0xff) << 8;
        }
        return sum;
    }
}
