package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.iana.IpProtocol;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AhAllocationTest {
    /**
     * The AH code itself allocates nothing per packet. Measured with an allocation-free integrity function, because
     * javax.crypto.Mac.doFinal allocates its output array on every call (HmacIntegrity inherits that).
     */
    @Test
    void steadyStateDoesNotAllocate() {
        AhOutbound out = new AhOutbound(new CountingIntegrity(), SPI, false, AhMode.TRANSPORT);
        AhInbound in = new AhInbound(new CountingIntegrity(), SPI, false, AhMode.TRANSPORT);
        byte[] hbh = TestPackets.optionsHeader(TestPackets.option(0x3e, 1, 2, 3, 4));
        byte[] packet = TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, TestPackets.udp(1, 2, "steady state"),
                new int[] {IpProtocol.HOPOPT}, hbh);
        byte[] buf = TestPackets.inBuffer(packet);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int ok = 0;
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 5_000; i++) {
                System.arraycopy(packet, 0, buf, HEADROOM, packet.length);
                ok += out.protect(buf, HEADROOM, packet.length, i) == AhStatus.OK ? 1 : 0;
                ok += in.open(buf, out.packetOffset(), out.packetLength(), 0) == AhStatus.OK ? 1 : 0;
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round > 0) {
                assertTrue(allocated < 1024, "10000 AH operations allocated " + allocated + " bytes");
            }
        }
        assertEquals(30_000, ok);
    }

    /** A keyless 16-octet FNV-1a-style digest: allocation-free, for measuring the AH code alone. */
    private static final class CountingIntegrity implements Integrity {
        private long h1 = 0xcbf29ce484222325L;
        private long h2 = 0x84222325cbf29ce4L;

        @Override
        public int keyLength() {
            return 0;
        }

        @Override
        public int icvLength() {
            return 16;
        }

        @Override
        public void update(byte[] data, int off, int len) {
            for (int i = off; i < off + len; i++) {
                h1 = (h1 ^ (data[i] & 0xff)) * 0x100000001b3L;
                h2 = (h2 ^ h1) * 0x100000001b3L;
            }
        }

        @Override
        public void sign(byte[] out, int off) {
            for (int i = 0; i < 8; i++) {
                out[off + i] = (byte) (h1 >>> (8 * i));
                out[off + 8 + i] = (byte) (h2 >>> (8 * i));
            }
            reset();
        }

        @Override
        public boolean verify(byte[] icv, int off) {
            boolean same = true;
            for (int i = 0; i < 8; i++) {
                same &= icv[off + i] == (byte) (h1 >>> (8 * i)) & icv[off + 8 + i] == (byte) (h2 >>> (8 * i));
            }
            reset();
            return same;
        }

        private void reset() {
            h1 = 0xcbf29ce484222325L;
            h2 = 0x84222325cbf29ce4L;
        }

        @Override
        public void destroy() {
            reset();
        }
    }
}
