package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.Topology;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.wire.esp.EspHeader;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every suite × mode and address families × ESN: what one end protects, the other opens unchanged. */
class RoundTripTest {
    private static final int[] PAYLOAD_LENGTHS = {0, 1, 2, 3, 13, 14, 15, 16, 17, 100, 1400};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Suite suite : Suite.all()) {
            for (Topology topology : Topology.values()) {
                for (boolean esn : new boolean[] {false, true}) {
                    cases.add(Arguments.of(suite, topology, esn));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} esn={2}")
    @MethodSource("cases")
    void roundTrip(Suite suite, Topology topology, boolean esn) {
        SaPair pair = SaPair.of(suite, topology.mode, esn, topology.outerIpv6);
        IpLayout layout = new IpLayout();
        long seq = 0;
        for (int length : PAYLOAD_LENGTHS) {
            byte[] packet = topology.packet(length);
            byte[] esp = pair.protect(packet);
            seq++;
            assertTrue(layout.parse(esp, 0, esp.length), "a well-formed IP packet");
            assertEquals(esp.length, layout.packetLength());
            assertEquals(50, layout.upperLayerProtocol());
            int espOff = layout.upperLayerOffset();
            assertEquals(SaPair.SPI, EspHeader.spi(esp, espOff));
            assertEquals((int) seq, EspHeader.sequenceNumber(esp, espOff));
            int ciphertext = esp.length - espOff - pair.outbound.headroom() + (topology.mode == Mode.TUNNEL
                    ? (topology.outerIpv6 ? 40 : 20) : 0) - icv(suite);
            int alignment = suite.encryption().name().contains("CBC") ? 16 : 4;
            assertEquals(0, ciphertext % alignment, "payload and trailer fill whole blocks (RFC 4303 §2.4)");
            if (layout.version() == 4) {
                assertTrue(Ipv4Header.verifyChecksum(esp, 0));
            }
            if (topology.mode == Mode.TUNNEL) {
                assertEquals(64, layout.version() == 4 ? Ipv4Header.ttl(esp, 0) : Ipv6Header.hopLimit(esp, 0));
                assertEquals(topology.outerIpv6 ? 6 : 4, layout.version());
            } else if (topology.innerIpv6) {
                assertEquals(48, espOff, "ESP after the hop-by-hop header, destination options protected");
            }
            byte[] opened = pair.open(esp);
            assertNotNull(opened, () -> "dropped: " + pair.result);
            assertArrayEquals(packet, opened);
            assertNull(pair.result.lifetimeEvent());
        }
        assertEquals(seq, pair.inbound.highestSequenceNumber());
        assertEquals(PAYLOAD_LENGTHS.length, pair.inbound.counters().packets());
        assertEquals(PAYLOAD_LENGTHS.length, pair.outbound.counters().packets());
        assertEquals(pair.outbound.counters().bytes(), pair.inbound.counters().bytes());
        assertEquals(0, pair.inbound.counters().totalDrops());
    }

    private static int icv(Suite suite) {
        return suite.encryption().isAead() ? suite.encryption().icvLength() : suite.integrity().icvLength();
    }
}
