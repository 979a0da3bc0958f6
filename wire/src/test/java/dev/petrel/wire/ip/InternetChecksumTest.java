package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    /** A captured IPv4 header (UDP 192.168.0.1 → 192.168.0.199) whose checksum is 0xb861. */
    private static final byte[] HEADER = HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");

    @Test
    void rfc1071Section3Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2, whose complement is 220d.
        byte[] words = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertEquals(0x220d, InternetChecksum.compute(words, 0, words.length));
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] odd = {0x12, 0x34, 0x56};
        byte[] even = {0x12, 0x34, 0x56, 0x00};
        assertEquals(InternetChecksum.compute(even, 0, 4), InternetChecksum.compute(odd, 0, 3));
    }

    @Test
    void ipv4HeaderChecksumComputedAndVerified() {
        byte[] buf = new byte[HEADER.length + 3];
        System.arraycopy(HEADER, 0, buf, 3, HEADER.length);
        Ipv4Header.updateChecksum(buf, 3);
        assertEquals(0xb861, Ipv4Header.checksum(buf, 3));
        assertTrue(Ipv4Header.verifyChecksum(buf, 3));
        buf[3 + 8]--; // TTL
        assertFalse(Ipv4Header.verifyChecksum(buf, 3));
    }

    /** The eight-octets-at-a-time sum agrees with the plain RFC 1071 loop at every length, offset and content. */
    @Test
    void agreesWithTheTextbookSumEverywhere() {
        java.util.Random random = new java.util.Random(1071);
        for (int round = 0; round < 5_000; round++) {
            byte[] buf = new byte[1 + random.nextInt(3000)];
            if (round % 3 == 0) {
                java.util.Arrays.fill(buf, (byte) 0xff); // the most carries
            } else {
                random.nextBytes(buf);
            }
            int off = random.nextInt(buf.length);
            int len = random.nextInt(buf.length - off + 1);
            assertEquals(textbook(buf, off, len), InternetChecksum.compute(buf, off, len), "length " + len + " at " + off);
        }
    }

    private static int textbook(byte[] buf, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((buf[off + i] & 0xff) << 8) | (i + 1 < len ? buf[off + i + 1] & 0xff : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
