package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.lifetime.LifetimeEvent;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.esp.sad.Sad;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** AH driven by esp-core's SA model: sequence numbers, anti-replay, ESN inference, selectors, lifetimes, the SAD. */
class AhSaTest {
    private static final IntegrityAlgorithm SUITE = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
    private final ProcessResult result = new ProcessResult();

    private static SaParameters parameters(Mode mode, boolean esn, UnaryOperator<SaParameters.Builder> tweak) throws Exception {
        return tweak.apply(SaParameters.builder()
                .spi(SPI)
                .protocol(SecurityProtocol.AH)
                .mode(mode)
                .encryption(EncryptionAlgorithm.ENCR_NULL, 0)
                .integrity(SUITE)
                .extendedSequenceNumbers(esn)
                .addresses(InetAddress.getByName("2001:db8::a"), InetAddress.getByName("2001:db8::b"))).build();
    }

    /** Sender's and receiver's SAs; the receiver sees the parameters mirrored. */
    private record Pair(AhOutboundSa out, AhInboundSa in) {
        static Pair of(SaParameters sender) {
            return new Pair(new AhOutboundSa(sender, TestPackets.key(SUITE)), new AhInboundSa(sender.mirrored(), TestPackets.key(SUITE)));
        }
    }

    /** Protects {@code packet}, returning the AH packet alone. */
    private byte[] send(AhOutboundSa sa, byte[] packet) {
        byte[] buf = new byte[sa.headroom() + packet.length];
        System.arraycopy(packet, 0, buf, sa.headroom(), packet.length);
        assertTrue(sa.encapsulate(buf, sa.headroom(), packet.length, result), result.toString());
        return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
    }

    private byte[] receive(AhInboundSa sa, byte[] ahPacket) {
        byte[] buf = ahPacket.clone();
        if (!sa.decapsulate(buf, 0, buf.length, result)) {
            return null;
        }
        return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
    }

    @Test
    void tunnelRoundTripCountsAndRejectsReplays() throws Exception {
        Pair p = Pair.of(parameters(Mode.TUNNEL, false, b -> b));
        byte[] inner = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "via SA");
        byte[] first = send(p.out(), inner);
        assertEquals(1, p.out().sequenceNumber());
        assertEquals(1, AhHeader.sequenceNumber(first, 40));
        assertArrayEquals(inner, receive(p.in(), first));
        assertNull(receive(p.in(), first));
        assertSame(DropReason.REPLAY, result.dropReason());
        assertEquals(1, p.in().counters().packets());
        assertEquals(1, p.in().counters().drops(DropReason.REPLAY));
    }

    @Test
    void forgedPacketsDoNotMoveTheWindow() throws Exception {
        Pair p = Pair.of(parameters(Mode.TRANSPORT, false, b -> b));
        byte[] packet = TestPackets.ipv6Udp("2001:db8::a", "2001:db8::b", "x");
        byte[] one = send(p.out(), packet);
        byte[] two = send(p.out(), packet);
        byte[] forged = two.clone();
        forged[forged.length - 1] ^= 1;
        assertNull(receive(p.in(), forged));
        assertSame(DropReason.INTEGRITY, result.dropReason());
        assertEquals(0, p.in().highestSequenceNumber());
        assertArrayEquals(packet, receive(p.in(), two));
        assertArrayEquals(packet, receive(p.in(), one), "an older packet inside the window");
        assertEquals(2, p.in().highestSequenceNumber());
    }

    @Test
    void esnHighBitsAreInferredAcross2To32() throws Exception {
        Pair p = Pair.of(parameters(Mode.TRANSPORT, true, b -> b));
        byte[] packet = TestPackets.ipv6Udp("2001:db8::a", "2001:db8::b", "esn");
        p.out().advanceSequenceNumber(0xffff_fffdL);
        for (long expected = 0xffff_fffeL; expected <= 0x1_0000_0001L; expected++) {
            byte[] sent = send(p.out(), packet);
            assertEquals((int) expected, AhHeader.sequenceNumber(sent, 40));
            assertArrayEquals(packet, receive(p.in(), sent), "sequence number " + Long.toHexString(expected));
            assertEquals(expected, p.in().highestSequenceNumber());
        }
    }

    @Test
    void sequenceNumbersNeverWrap() throws Exception {
        AhOutboundSa out = new AhOutboundSa(parameters(Mode.TRANSPORT, false, b -> b), TestPackets.key(SUITE));
        byte[] packet = TestPackets.ipv6Udp("2001:db8::a", "2001:db8::b", "last");
        out.advanceSequenceNumber(0xffff_fffeL);
        send(out, packet);
        assertEquals(LifetimeEvent.hard(LimitKind.SEQUENCE_NUMBERS), result.lifetimeEvent());
        byte[] buf = new byte[out.headroom() + packet.length];
        assertFalse(out.encapsulate(buf, out.headroom(), packet.length, result));
        assertSame(DropReason.SEQUENCE_EXHAUSTED, result.dropReason());
    }

    @Test
    void packetsOutsideTheSelectorsAreDropped() throws Exception {
        Pair p = Pair.of(parameters(Mode.TUNNEL, false, b -> b.selectors(
                List.of(TrafficSelector.subnet("198.51.100.0/24")), List.of(TrafficSelector.subnet("203.0.113.0/24")))));
        byte[] inside = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "in");
        byte[] outside = TestPackets.ipv4Udp("198.51.100.5", "192.0.2.99", "out");
        assertArrayEquals(inside, receive(p.in(), send(p.out(), inside)));
        assertNull(receive(p.in(), send(p.out(), outside)));
        assertSame(DropReason.SELECTOR_MISMATCH, result.dropReason());
    }

    @Test
    void malformedAndForeignPacketsAreTypedDrops() throws Exception {
        Pair p = Pair.of(parameters(Mode.TRANSPORT, false, b -> b));
        byte[] sent = send(p.out(), TestPackets.ipv6Udp("2001:db8::a", "2001:db8::b", "x"));
        byte[] otherSpi = sent.clone();
        otherSpi[47] ^= 1;
        assertNull(receive(p.in(), otherSpi));
        assertSame(DropReason.UNKNOWN_SPI, result.dropReason());
        assertNull(receive(p.in(), Arrays.copyOf(sent, 30)));
        assertSame(DropReason.MALFORMED, result.dropReason());
        assertFalse(p.in().decapsulate(sent, 10, sent.length, result), "a region past the buffer");
        assertSame(DropReason.MALFORMED, result.dropReason());
    }

    @Test
    void lifetimeAndDestroy() throws Exception {
        Pair p = Pair.of(parameters(Mode.TRANSPORT, false, b -> b.lifetime(LifetimeLimits.packets(1, 2))));
        byte[] packet = TestPackets.ipv6Udp("2001:db8::a", "2001:db8::b", "x");
        send(p.out(), packet);
        assertEquals(LifetimeEvent.soft(LimitKind.PACKETS), result.lifetimeEvent());
        send(p.out(), packet);
        assertEquals(LifetimeEvent.hard(LimitKind.PACKETS), result.lifetimeEvent());
        assertTrue(p.out().hardExpired());
        byte[] buf = new byte[p.out().headroom() + packet.length];
        assertFalse(p.out().encapsulate(buf, p.out().headroom(), packet.length, result));
        assertSame(DropReason.SA_EXPIRED, result.dropReason());
        p.in().destroy();
        assertTrue(p.in().isDestroyed());
        assertNull(receive(p.in(), new byte[60]));
        assertSame(DropReason.SA_EXPIRED, result.dropReason());
        assertFalse(p.in().toString().contains("a0a1a2"), p.in().toString());
    }

    @Test
    void theSadFindsAhSasByProtocol() throws Exception {
        Pair p = Pair.of(parameters(Mode.TRANSPORT, false, b -> b));
        Sad sad = new Sad();
        sad.add(p.in());
        byte[] local = InetAddress.getByName("2001:db8::b").getAddress();
        assertSame(p.in(), sad.lookup(SPI, local, 0, 16, IpProtocol.AH));
        assertNull(sad.lookup(SPI, local, 0, 16, IpProtocol.ESP));
        assertTrue(sad.remove(SPI, local, 0, 16, IpProtocol.AH));
        assertTrue(p.in().isDestroyed());
    }

    @Test
    void espParametersAreRefused() throws Exception {
        SaParameters esp = SaParameters.builder().spi(SPI).encryption(EncryptionAlgorithm.ENCR_AES_GCM_16, 128)
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2")).build();
        assertThrows(IllegalArgumentException.class, () -> new AhInboundSa(esp, TestPackets.key(SUITE)));
    }
}
