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
}
