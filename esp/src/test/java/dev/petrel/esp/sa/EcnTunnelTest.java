package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.ah.AhInboundSa;
import dev.petrel.esp.ah.AhOutboundSa;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.packet.Ecn;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ECN through ESP and AH tunnels, RFC 6040 normal mode: the encapsulator copies the inner ECN field to the outer
 * header (§4.1), the decapsulator combines the arriving outer field into the inner one as Figure 4 says (§4.2).
 * The outer ECN field is changed after protection, as a router on the path would: ESP's ICV does not cover the outer
 * header, AH's zeroes TOS / traffic class as mutable, so every packet still verifies.
 */
class EcnTunnelTest {
    private static final String[] NAMES = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    private static final int DROP = -1;
    private static final int DSCP = 0x28; // AF11, as Packets writes it

    /**
     * RFC 6040 Figure 4, written out as the RFC prints it: rows are the arriving inner header (Not-ECT, ECT(0),
     * ECT(1), CE), columns the arriving outer header (Not-ECT, ECT(0), ECT(1), CE).
     */
    private static final int[] FIGURE_ORDER = {Ecn.NOT_ECT, Ecn.ECT_0, Ecn.ECT_1, Ecn.CE};
    private static final int[][] FIGURE_4 = {
            /* Not-ECT */ {Ecn.NOT_ECT, Ecn.NOT_ECT, Ecn.NOT_ECT, DROP},
            /* ECT(0)  */ {Ecn.ECT_0, Ecn.ECT_0, Ecn.ECT_1, Ecn.CE},
            /* ECT(1)  */ {Ecn.ECT_1, Ecn.ECT_1, Ecn.ECT_1, Ecn.CE},
            /* CE      */ {Ecn.CE, Ecn.CE, Ecn.CE, Ecn.CE},
    };

    /** One tunnel SA of either protocol, both ends. */
    private record Tunnel(OutboundProcessing out, InboundProcessing in) {
        static Tunnel of(SecurityProtocol protocol, boolean outer6, boolean copyDscp) {
            if (protocol == SecurityProtocol.ESP) {
                SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, outer6, b -> b.copyDscp(copyDscp));
                return new Tunnel(pair.outbound, pair.inbound);
            }
            SaParameters p = SaParameters.builder()
                    .spi(SaPair.SPI)
                    .protocol(SecurityProtocol.AH)
                    .mode(Mode.TUNNEL)
                    .encryption(EncryptionAlgorithm.ENCR_NULL, 0)
                    .integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128)
                    .lifetime(LifetimeLimits.NONE)
                    .copyDscp(copyDscp)
                    .addresses(SaPair.inet(outer6 ? SaPair.GATEWAY_A6 : SaPair.GATEWAY_A4),
                            SaPair.inet(outer6 ? SaPair.GATEWAY_B6 : SaPair.GATEWAY_B4))
                    .build();
            byte[] key = new byte[p.integrityKeyLength()];
            new Random(7).nextBytes(key);
            AhInboundSa in = new AhInboundSa(p.mirrored(), key.clone());
            return new Tunnel(new AhOutboundSa(p, key), in);
        }

        /** Protects {@code inner}; returns the packet on the wire. */
        byte[] protect(byte[] inner, ProcessResult result) {
            byte[] buf = new byte[out.headroom() + inner.length + out.tailroom()];
            System.arraycopy(inner, 0, buf, out.headroom(), inner.length);
            assertTrue(out.encapsulate(buf, out.headroom(), inner.length, result), result::toString);
            return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
        }
    }

    /** A UDP packet behind the gateways, IPv4 or IPv6, whose ECN field is {@code ecn} (IPv4 checksum valid). */
    private static byte[] inner(boolean inner6, int ecn) {
        byte[] p = inner6 ? Packets.udp("2001:db8:1::7", 4000, "2001:db8:2::9", 5000, 33)
                : Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, 33);
        if (inner6) {
            Ipv6Header.setEcn(p, 0, ecn);
        } else {
            Ipv4Header.setEcn(p, 0, ecn);
            assertTrue(Ipv4Header.verifyChecksum(p, 0));
        }
        return p;
    }

    private static int trafficClass(byte[] p) {
        return IpPacket.version(p, 0, 1) == 4 ? Ipv4Header.trafficClass(p, 0) : Ipv6Header.trafficClass(p, 0);
    }

    /** Rewrites the outer header's ECN field, as a router on the path would (IPv4 checksum kept valid). */
    private static void markOuter(byte[] wire, int ecn) {
        if (IpPacket.version(wire, 0, 1) == 4) {
            Ipv4Header.setEcn(wire, 0, ecn);
        } else {
            Ipv6Header.setEcn(wire, 0, ecn);
        }
    }

    static Stream<Arguments> topologies() {
        List<Arguments> cases = new ArrayList<>();
        for (SecurityProtocol protocol : List.of(SecurityProtocol.ESP, SecurityProtocol.AH)) {
            for (boolean outer6 : new boolean[] {false, true}) {
                for (boolean inner6 : new boolean[] {false, true}) {
                    cases.add(Arguments.of(protocol, outer6, inner6));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} outer IPv6={1} inner IPv6={2}")
    @MethodSource("topologies")
    void encapsulationCopiesTheInnerEcnField(SecurityProtocol protocol, boolean outer6, boolean inner6) {
        for (boolean copyDscp : new boolean[] {false, true}) {
            Tunnel tunnel = Tunnel.of(protocol, outer6, copyDscp);
            ProcessResult result = new ProcessResult();
            for (int ecn = 0; ecn < 4; ecn++) {
                byte[] inner = inner(inner6, ecn);
                byte[] wire = tunnel.protect(inner, result);
                assertEquals(outer6 ? 6 : 4, IpPacket.version(wire, 0, 1));
                String what = NAMES[ecn] + (copyDscp ? " with DSCP copy" : "");
                assertEquals((copyDscp ? DSCP : 0) | ecn, trafficClass(wire), what + ": outer DSCP and ECN (RFC 6040 §4.1 normal mode)");
                if (!outer6) {
                    assertTrue(Ipv4Header.verifyChecksum(wire, 0), what);
                }
                assertEquals(protocol == SecurityProtocol.ESP ? IpProtocol.ESP : IpProtocol.AH,
                        outer6 ? Ipv6Header.nextHeader(wire, 0) : Ipv4Header.protocol(wire, 0));
                // unchanged on the way, the packet comes out as it went in
                byte[] buf = wire.clone();
                assertTrue(tunnel.in().decapsulate(buf, 0, buf.length, result), result::toString);
                assertArrayEquals(inner, Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length()), what);
            }
        }
    }

    @ParameterizedTest(name = "{0} outer IPv6={1} inner IPv6={2}")
    @MethodSource("topologies")
    void decapsulationFollowsFigure4(SecurityProtocol protocol, boolean outer6, boolean inner6) {
        Tunnel tunnel = Tunnel.of(protocol, outer6, true);
        ProcessResult result = new ProcessResult();
        long drops = 0;
        long delivered = 0;
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < 4; column++) {
                int innerEcn = FIGURE_ORDER[row];
                int outerEcn = FIGURE_ORDER[column];
                int expected = FIGURE_4[row][column];
                String what = "inner " + NAMES[innerEcn] + ", outer " + NAMES[outerEcn];
                byte[] inner = inner(inner6, innerEcn);
                byte[] wire = tunnel.protect(inner, result);
                markOuter(wire, outerEcn);
                byte[] buf = wire.clone();
                boolean ok = tunnel.in().decapsulate(buf, 0, buf.length, result);
                if (expected == DROP) {
                    assertFalse(ok, what);
                    assertEquals(DropReason.ECN_CE_ON_NOT_ECT, result.dropReason(), what);
                    drops++;
                    assertEquals(drops, tunnel.in().counters().drops(DropReason.ECN_CE_ON_NOT_ECT));
                    assertEquals(drops, tunnel.in().counters().totalDrops());
                    continue;
                }
                assertTrue(ok, () -> what + ": " + result);
                delivered++;
                byte[] out = Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
                assertEquals(expected, inner6 ? Ipv6Header.ecn(out, 0) : Ipv4Header.ecn(out, 0), what);
                assertEquals(DSCP, trafficClass(out) & 0xfc, what + ": DSCP unchanged");
                byte[] want = inner(inner6, expected);
                assertArrayEquals(want, out, what + ": only the ECN field (and the IPv4 checksum) changes");
                if (!inner6) {
                    assertTrue(Ipv4Header.verifyChecksum(out, 0), what + ": inner IPv4 checksum");
                }
            }
        }
        assertEquals(1, drops);
        assertEquals(15, delivered);
        assertEquals(delivered, tunnel.in().counters().packets());
    }

    @Test
    void transportModeIgnoresEcn() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TRANSPORT, false, false);
        byte[] packet = Packets.udp(SaPair.GATEWAY_A4, 4000, SaPair.GATEWAY_B4, 5000, 20);
        Ipv4Header.setEcn(packet, 0, Ecn.NOT_ECT);
        byte[] wire = pair.protect(packet);
        assertEquals(Ecn.NOT_ECT, Ipv4Header.ecn(wire, 0));
        Ipv4Header.setEcn(wire, 0, Ecn.CE); // one header only: a router's mark is the receiver's to see
        byte[] opened = pair.open(wire);
        assertEquals(Ecn.CE, Ipv4Header.ecn(opened, 0), () -> String.valueOf(pair.result));
        assertTrue(Ipv4Header.verifyChecksum(opened, 0));
    }

    /** Marking congestion in the inner packet allocates nothing in our code (the ENCR_NULL bound of AllocationTest). */
    @Test
    void markingAllocatesNothing() {
        SaPair pair = SaPair.of(new Suite(EncryptionAlgorithm.ENCR_NULL, 0, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
                Mode.TUNNEL, true, false);
        byte[] inner = inner(false, Ecn.ECT_0);
        long measured = pair.allocatedPerRoundTrip(inner, (buf, off) -> Ipv4Header.setEcn(buf, off, Ecn.CE));
        byte[] marked = pair.protect(inner);
        Ipv4Header.setEcn(marked, 0, Ecn.CE);
        assertTrue(pair.inbound.decapsulate(marked, 0, marked.length, pair.result), () -> String.valueOf(pair.result));
        assertEquals(Ecn.CE, Ipv4Header.ecn(marked, pair.result.offset()), "the inner packet carries the congestion mark");
        assertTrue(measured < 512, () -> measured + " bytes allocated per packet");
    }
}
