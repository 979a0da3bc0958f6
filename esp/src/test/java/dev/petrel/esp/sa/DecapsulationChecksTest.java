package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.result.DropReason;
import dev.petrel.wire.ip.Ipv4Header;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What decapsulation refuses, and that each refusal is counted under its reason. */
class DecapsulationChecksTest {
    private static final byte[] INNER = Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, 21);

    private static SaPair tunnel(Suite suite) {
        return SaPair.of(suite, Mode.TUNNEL, false, false, b -> b.selectors(
                SaPair.selectors("198.51.100.0/24"), SaPair.selectors("203.0.113.0/24")));
    }

    private static void assertDropped(SaPair pair, byte[] packet, DropReason reason) {
        assertNull(pair.open(packet), () -> "expected " + reason);
        assertEquals(reason, pair.result.dropReason());
        assertEquals(1, pair.inbound.counters().drops(reason));
    }

    @Test
    void defaultPaddingIsAccepted() {
        SaPair pair = tunnel(Suite.gcm16());
        byte[] packet = pair.craft(1, INNER, new byte[] {1, 2, 3, 4, 5}, 5, 4);
        assertArrayEquals(INNER, pair.open(packet));
    }

    @Test
    void padOctetsOtherThanOneTwoThreeAreRejected() {
        SaPair pair = tunnel(Suite.cbcSha256());
        // 49 + 13 + 2 = 64: four AES blocks; pad 1..13 with one octet wrong.
        byte[] pad = new byte[13];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) (i + 1);
        }
        pad[7] = 0;
        assertDropped(pair, pair.craft(1, INNER, pad, 13, 4), DropReason.BAD_PADDING);
        assertEquals(1, pair.inbound.highestSequenceNumber(), "the ICV verified: the sequence number is used up (RFC 4303 §3.4.3)");
    }

    @Test
    void padLengthBeyondThePayloadIsRejected() {
        SaPair pair = tunnel(Suite.gcm16());
        assertDropped(pair, pair.craft(1, new byte[] {9}, new byte[] {1}, 200, 4), DropReason.BAD_PADDING);
    }

    @Test
    void tfcPaddingAfterTheInnerPacketIsRemoved() {
        SaPair pair = tunnel(Suite.gcm16());
        byte[] padded = Arrays.copyOf(INNER, INNER.length + 37); // RFC 4303 §2.7: zeros after the inner packet
        byte[] opened = pair.open(pair.craft(1, padded, new byte[] {1, 2, 3, 4}, 4, 4));
        assertNotNull(opened, () -> pair.result.toString());
        assertArrayEquals(INNER, opened);
    }

    @Test
    void dummyPacketsAreDroppedSilentlyButCounted() {
        SaPair pair = tunnel(Suite.gcm16());
        assertDropped(pair, pair.craft(1, new byte[40], new byte[] {1, 2}, 2, 59), DropReason.DUMMY);
        assertEquals(1, pair.inbound.highestSequenceNumber());
        // The sender side: a packet with protocol 59 in transport mode travels as a dummy too.
        SaPair transport = SaPair.of(Suite.gcm16(), Mode.TRANSPORT, false, false);
        byte[] dummy = Packets.ip(SaPair.GATEWAY_A4, SaPair.GATEWAY_B4, 59, new byte[12]);
        assertDropped(transport, transport.protect(dummy), DropReason.DUMMY);
    }

    @Test
    void tunnelModeNeedsAnInnerIpPacketThatFits() {
        SaPair pair = tunnel(Suite.gcm16());
        assertDropped(pair, pair.craft(1, INNER, new byte[] {1, 2, 3, 4, 5}, 5, 6), DropReason.MALFORMED);
        byte[] truncated = Arrays.copyOf(INNER, INNER.length - 1);
        assertNull(pair.open(pair.craft(2, truncated, new byte[0], 0, 4)));
        assertEquals(DropReason.MALFORMED, pair.result.dropReason());
        byte[] wrongVersion = pair.craft(3, INNER, new byte[] {1, 2, 3, 4, 5}, 5, 41);
        assertNull(pair.open(wrongVersion));
        assertEquals(3, pair.inbound.counters().drops(DropReason.MALFORMED));
    }

    @Test
    void innerPacketOutsideTheSelectorsIsDroppedAndCounted() {
        SaPair pair = tunnel(Suite.gcm16());
        byte[] stranger = Packets.udp("198.51.100.7", 4000, "192.0.2.77", 5000, 21);
        assertDropped(pair, pair.protect(stranger), DropReason.SELECTOR_MISMATCH);
        byte[] spoofed = Packets.udp("203.0.113.1", 4000, "203.0.113.9", 5000, 21);
        assertNull(pair.open(pair.protect(spoofed)));
        assertEquals(2, pair.inbound.counters().drops(DropReason.SELECTOR_MISMATCH));
        assertArrayEquals(INNER, pair.open(pair.protect(INNER)));
    }

    @Test
    void portSelectorsApplyToTheInnerPacket() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false, b -> b.selectors(
                java.util.List.of(dev.petrel.esp.policy.TrafficSelector.subnet("198.51.100.0/24", 17, 4000, 4000)),
                java.util.List.of(dev.petrel.esp.policy.TrafficSelector.subnet("203.0.113.0/24", 17, 5000, 5000))));
        assertArrayEquals(INNER, pair.open(pair.protect(INNER)));
        byte[] otherPort = Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5001, 21);
        assertDropped(pair, pair.protect(otherPort), DropReason.SELECTOR_MISMATCH);
    }

    @Test
    void everyTamperedOctetFailsTheIcvAndLeavesTheWindow() {
        for (Suite suite : new Suite[] {Suite.gcm16(), Suite.cbcSha256()}) {
            SaPair pair = tunnel(suite);
            byte[] packet = pair.protect(INNER);
            int icvFailures = 0;
            for (int i = 20; i < packet.length; i++) {
                byte[] tampered = packet.clone();
                tampered[i] ^= (byte) 0x40;
                assertNull(pair.open(tampered), suite + " octet " + i);
                DropReason reason = pair.result.dropReason();
                if (i < 24) {
                    assertEquals(DropReason.UNKNOWN_SPI, reason);
                } else {
                    assertEquals(DropReason.INTEGRITY, reason, suite + " octet " + i);
                    icvFailures++;
                }
                assertEquals(0, pair.inbound.highestSequenceNumber(), "a forged packet must not move the window");
            }
            assertEquals(icvFailures, pair.inbound.counters().drops(DropReason.INTEGRITY));
            assertArrayEquals(INNER, pair.open(packet), "the genuine packet still opens");
        }
    }

    @Test
    void malformedOuterPacketsAreDropped() {
        SaPair pair = tunnel(Suite.gcm16());
        byte[] packet = pair.protect(INNER);
        assertNull(pair.open(Arrays.copyOf(packet, 30)));
        assertEquals(DropReason.MALFORMED, pair.result.dropReason());
        byte[] notEsp = packet.clone();
        Ipv4Header.setProtocol(notEsp, 0, 17);
        assertNull(pair.open(notEsp));
        byte[] fragment = packet.clone();
        fragment[6] = 0x20; // MF: reassembly comes first (RFC 4303 §3.4.1)
        assertNull(pair.open(fragment));
        byte[] shortCiphertext = Arrays.copyOf(packet, 20 + 8 + 8 + 1 + 16);
        Ipv4Header.setTotalLength(shortCiphertext, 0, shortCiphertext.length);
        assertNull(pair.open(shortCiphertext));
        assertEquals(4, pair.inbound.counters().drops(DropReason.MALFORMED));
        SaPair cbc = tunnel(Suite.cbcSha256());
        byte[] ragged = cbc.protect(INNER);
        byte[] cut = Arrays.copyOf(ragged, ragged.length - 1);
        Ipv4Header.setTotalLength(cut, 0, cut.length);
        assertNull(cbc.open(cut));
        assertEquals(DropReason.MALFORMED, cbc.result.dropReason(), "CBC ciphertext not a whole number of blocks");
    }

    @Test
    void aDestroyedSaRefusesEverything() {
        SaPair pair = tunnel(Suite.gcm16());
        byte[] packet = pair.protect(INNER);
        pair.inbound.destroy();
        pair.outbound.close();
        assertFalse(pair.outbound.encapsulate(pair.framed(INNER), pair.outbound.headroom(), INNER.length, pair.result));
        assertEquals(DropReason.SA_EXPIRED, pair.result.dropReason());
        assertDropped(pair, packet, DropReason.SA_EXPIRED);
    }
}
