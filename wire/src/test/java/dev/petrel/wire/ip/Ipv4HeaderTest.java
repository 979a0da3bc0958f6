package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    private static final byte[] SRC = {(byte) 192, 0, 2, 1};
    private static final byte[] DST = {(byte) 192, 0, 2, 2};

    @Test
    void writeThenRead() {
        byte[] buf = new byte[64];
        Ipv4Header.write(buf, 2, 0xb8, 48, 0x1234, true, 64, 50, SRC, DST);
        assertEquals(48, Ipv4Header.validate(buf, 2, 62));
        assertEquals(20, Ipv4Header.headerLength(buf, 2));
        assertEquals(0xb8, Ipv4Header.trafficClass(buf, 2));
        assertEquals(64, Ipv4Header.ttl(buf, 2));
        assertEquals(50, Ipv4Header.protocol(buf, 2));
        assertTrue(Ipv4Header.dontFragment(buf, 2));
        assertFalse(Ipv4Header.isFragment(buf, 2));
        assertTrue(Ipv4Header.verifyChecksum(buf, 2));
        assertEquals(2, buf[2 + Ipv4Header.DESTINATION_OFFSET + 3]);
    }

    @Test
    void validateRejectsBadVersionLengthsAndTruncation() {
        byte[] buf = new byte[40];
        Ipv4Header.write(buf, 0, 0, 40, 0, false, 64, 17, SRC, DST);
        assertEquals(40, Ipv4Header.validate(buf, 0, 40));
        assertEquals(-1, Ipv4Header.validate(buf, 0, 39), "total length beyond the buffer");
        assertEquals(-1, Ipv4Header.validate(buf, 0, 19));
        buf[0] = 0x44;
        assertEquals(-1, Ipv4Header.validate(buf, 0, 40), "IHL below 5");
        buf[0] = 0x4f;
        assertEquals(-1, Ipv4Header.validate(buf, 0, 40), "60-octet header in a 40-octet packet");
        buf[0] = 0x65;
        assertEquals(-1, Ipv4Header.validate(buf, 0, 40), "version 6");
    }

    @Test
    void fragmentFields() {
        byte[] buf = new byte[20];
        Ipv4Header.write(buf, 0, 0, 20, 0, false, 64, 17, SRC, DST);
        buf[6] = 0x20; // MF, offset 0: the first fragment
        assertTrue(Ipv4Header.isFragment(buf, 0));
        assertTrue(Ipv4Header.moreFragments(buf, 0));
        assertEquals(0, Ipv4Header.fragmentOffset(buf, 0));
        buf[6] = 0x00;
        buf[7] = 0x05;
        assertTrue(Ipv4Header.isFragment(buf, 0));
        assertEquals(5, Ipv4Header.fragmentOffset(buf, 0));
    }
    @Test
    void setEcnKeepsDscpAndTheChecksumCorrect() {
        java.util.Random random = new java.util.Random(6040);
        byte[] buf = new byte[64];
        for (int round = 0; round < 2000; round++) {
            random.nextBytes(buf);
            int ihl = 5 + random.nextInt(11);
            buf[3] = (byte) (0x40 | ihl); // random octets under a valid checksum
            Ipv4Header.updateChecksum(buf, 3);
            int tos = Ipv4Header.trafficClass(buf, 3);
            for (int ecn = 0; ecn < 4; ecn++) {
                Ipv4Header.setEcn(buf, 3, ecn);
                assertEquals(ecn, Ipv4Header.ecn(buf, 3));
                assertEquals((tos & 0xfc) | ecn, Ipv4Header.trafficClass(buf, 3));
                assertTrue(Ipv4Header.verifyChecksum(buf, 3), "round " + round + " ECN " + ecn);
            }
        }
    }

    @Test
    void setEcnLeavesAnIncorrectChecksumIncorrect() {
        byte[] buf = new byte[20];
        Ipv4Header.write(buf, 0, 0x28, 20, 7, false, 64, 17, SRC, DST);
        buf[11] ^= 0x10;
        Ipv4Header.setEcn(buf, 0, 3);
        assertFalse(Ipv4Header.verifyChecksum(buf, 0));
        buf[11] ^= 0x10;
        assertTrue(Ipv4Header.verifyChecksum(buf, 0));
    }
}
