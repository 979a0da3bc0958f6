package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Ipv6HeaderTest {
    private static final byte[] SRC = new byte[16];
    private static final byte[] DST = new byte[16];

    @Test
    void setEcnChangesOnlyTheLowTrafficClassBits() {
        byte[] buf = new byte[41];
        Ipv6Header.write(buf, 1, 0xb9, 0xfedcb, 0, 59, 64, SRC, DST);
        assertEquals(0xb9, Ipv6Header.trafficClass(buf, 1));
        assertEquals(1, Ipv6Header.ecn(buf, 1));
        for (int ecn = 0; ecn < 4; ecn++) {
            Ipv6Header.setEcn(buf, 1, ecn);
            assertEquals(ecn, Ipv6Header.ecn(buf, 1));
            assertEquals(0xb8 | ecn, Ipv6Header.trafficClass(buf, 1));
            assertEquals(0xfedcb, Ipv6Header.flowLabel(buf, 1));
            assertEquals(6, IpPacket.version(buf, 1, 40));
        }
    }
}
