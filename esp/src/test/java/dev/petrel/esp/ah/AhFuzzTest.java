package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Jazzer targets: under plain {@code mvn test} they replay the seeds in
 * {@code src/test/resources/dev/petrel/esp/ah/AhFuzzTestInputs/<method>/}; {@code bin/fuzz Ah} fuzzes them.
 * Input layout: one octet selecting the SA, four octets of ESN high bits (or sequence number), then the packet.
 */
class AhFuzzTest {
    private static final AhMode TUNNEL4 = new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), true);
    private static final AhMode TUNNEL6 = new AhMode.Tunnel(TestPackets.address("2001:db8::1"), TestPackets.address("2001:db8::2"), true);
    static final AhMode[] MODE_FOR_TESTS = {AhMode.TRANSPORT, TUNNEL4, TUNNEL6};
    private static final int CONFIGS = AhRoundTripTest.SUITES.size() * MODE_FOR_TESTS.length * 2;
    // one processor per configuration, reused across inputs: a bad packet must not spoil the next one
    private static final AhInbound[] INBOUND = new AhInbound[CONFIGS];
    private static final AhOutbound[] OUTBOUND = new AhOutbound[CONFIGS];
    private static final AhInboundSa[] INBOUND_SA = new AhInboundSa[CONFIGS];
    private static final ProcessResult RESULT = new ProcessResult();

    static {
        for (int c = 0; c < CONFIGS; c++) {
            IntegrityAlgorithm suite = AhRoundTripTest.SUITES.get(c % 4);
            AhMode mode = MODE_FOR_TESTS[c / 4 % 3];
            boolean esn = c / 12 == 1;
            INBOUND[c] = new AhInbound(TestPackets.integrity(suite), SPI, esn, mode);
            OUTBOUND[c] = new AhOutbound(TestPackets.integrity(suite), SPI, esn, mode);
            INBOUND_SA[c] = new AhInboundSa(saParameters(suite, mode, esn), TestPackets.key(suite));
        }
    }

    private static SaParameters saParameters(IntegrityAlgorithm suite, AhMode mode, boolean esn) {
        boolean v6 = mode instanceof AhMode.Tunnel t && t.isIpv6();
        try {
            return SaParameters.builder().spi(SPI).protocol(SecurityProtocol.AH).encryption(EncryptionAlgorithm.ENCR_NULL, 0)
                    .integrity(suite).extendedSequenceNumbers(esn).mode(mode == AhMode.TRANSPORT ? Mode.TRANSPORT : Mode.TUNNEL)
                    .addresses(InetAddress.getByName(v6 ? "2001:db8::2" : "192.0.2.2"), InetAddress.getByName(v6 ? "2001:db8::1" : "192.0.2.1"))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration index a seed file starts with. */
    static int config(int suiteIndex, int modeIndex, boolean esn) {
        return suiteIndex + 4 * modeIndex + (esn ? 12 : 0);
    }

    /** Any input yields a drop reason or a result inside the packet; nothing throws. */
    @FuzzTest(maxDuration = "30s")
    void inboundOnlyEverDrops(byte[] input) {
        if (input.length < 5) {
            return;
        }
        AhInbound in = INBOUND[(input[0] & 0xff) % CONFIGS];
        int high = AhHeader.readInt(input, 1);
        int off = 7;
        int len = input.length - 5;
        byte[] buf = new byte[off + len + 7];
        System.arraycopy(input, 5, buf, off, len);
        AhStatus inspected = in.inspect(buf, off, len);
        byte[] before = buf.clone();
        AhStatus opened = in.open(buf, off, len, high);
        assertNotNull(opened);
        if (inspected != AhStatus.OK) {
            assertEquals(inspected, opened);
        }
        if (opened == AhStatus.OK) {
            assertTrue(in.packetOffset() > off && in.packetOffset() + in.packetLength() <= off + len);
        } else {
            assertArrayEquals(before, buf, "a dropped packet is unchanged");
        }
        // the SA around it: replay window, selectors and counters also take any input
        AhInboundSa sa = INBOUND_SA[(input[0] & 0xff) % CONFIGS];
        if (sa.decapsulate(before, off, len, RESULT)) {
            assertTrue(RESULT.offset() > off && RESULT.offset() + RESULT.length() <= off + len);
        } else {
            assertNotNull(RESULT.dropReason());
        }
    }

    /** Whatever outbound accepts, inbound opens back to the same packet (up to the recomputed IPv4 checksum). */
    @FuzzTest(maxDuration = "30s")
    void outboundThenInboundRoundTrips(byte[] input) {
        if (input.length < 5) {
            return;
        }
        int c = (input[0] & 0xff) % CONFIGS;
        long seq = Integer.toUnsignedLong(AhHeader.readInt(input, 1)) * (c / 12 == 1 ? 0x1_0000_0001L : 1);
        byte[] packet = Arrays.copyOfRange(input, 5, input.length);
        byte[] buf = new byte[HEADROOM + packet.length];
        System.arraycopy(packet, 0, buf, HEADROOM, packet.length);
        AhStatus s = OUTBOUND[c].protect(buf, HEADROOM, packet.length, seq);
        if (s != AhStatus.OK) {
            assertArrayEquals(packet, Arrays.copyOfRange(buf, HEADROOM, buf.length), "a refused packet is unchanged");
            return;
        }
        AhInbound in = INBOUND[c];
        assertEquals(AhStatus.OK, in.open(buf, OUTBOUND[c].packetOffset(), OUTBOUND[c].packetLength(), (int) (seq >>> 32)));
        byte[] opened = Arrays.copyOfRange(buf, in.packetOffset(), in.packetOffset() + in.packetLength());
        if (c / 4 % 3 != 0) {
            assertArrayEquals(packet, opened, "tunnel mode carries the packet as it was");
            return;
        }
        // transport mode: the packet up to its IP length, with a recomputed IPv4 checksum
        boolean v4 = (packet[0] & 0xf0) == 0x40;
        int total = v4 ? Ipv4Header.validate(packet, 0, packet.length) : Ipv6Header.validate(packet, 0, packet.length);
        byte[] expected = Arrays.copyOf(packet, total);
        if (v4) {
            Ipv4Header.updateChecksum(expected, 0);
        }
        assertArrayEquals(expected, opened);
    }
}
