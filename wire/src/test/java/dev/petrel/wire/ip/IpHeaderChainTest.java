package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class IpHeaderChainTest {
    private static final byte[] SRC = new byte[16];
    private static final byte[] DST = new byte[16];

    private final IpHeaderChain chain = new IpHeaderChain();

    /** An IPv6 packet: the fixed header (next header {@code first}) followed by {@code rest}. */
    private static byte[] packet(int first, byte[]... rest) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] r : rest) {
            body.writeBytes(r);
        }
        byte[] p = new byte[40 + body.size()];
        Ipv6Header.write(p, 0, 0, 0, body.size(), first, 64, SRC, DST);
        System.arraycopy(body.toByteArray(), 0, p, 40, body.size());
        return p;
    }

    /** An 8-octet options or routing header. */
    private static byte[] ext8(int next) {
        return new byte[] {(byte) next, 0, 1, 4, 0, 0, 0, 0};
    }

    private static byte[] fragment(int next, int offset, boolean more) {
        int v = (offset << 3) | (more ? 1 : 0);
        return new byte[] {(byte) next, 0, (byte) (v >>> 8), (byte) v, 0, 0, 0, 1};
    }

    @Test
    void noExtensionHeaders() {
        byte[] p = packet(6, new byte[20]);
        assertTrue(chain.parse(p, 0, p.length));
        assertEquals(6, chain.upperLayerProtocol());
        assertEquals(40, chain.upperLayerOffset());
        assertEquals(Ipv6Header.NEXT_HEADER_OFFSET, chain.upperLayerNextHeaderField());
        assertEquals(40, chain.insertOffset());
        assertFalse(chain.isFragment());
    }

    @Test
    void ipv4IsOneHeaderOptionsIncluded() {
        byte[] p = new byte[24 + 8];
        Ipv4Header.write(p, 0, 0, p.length, 1, false, 64, 17, new byte[4], new byte[4]);
        p[0] = 0x46; // IHL 6: one 4-octet option word
        assertTrue(chain.parse(p, 0, p.length));
        assertEquals(17, chain.upperLayerProtocol());
        assertEquals(24, chain.upperLayerOffset());
        assertEquals(Ipv4Header.PROTOCOL_OFFSET, chain.upperLayerNextHeaderField());
        assertEquals(24, chain.insertOffset());
        assertEquals(Ipv4Header.PROTOCOL_OFFSET, chain.insertNextHeaderField());
        assertFalse(chain.isFragment());
        assertFalse(chain.isNonFirstFragment());

        p[6] = 0x00;
        p[7] = 0x03; // fragment offset 3: a non-first fragment
        assertTrue(chain.parse(p, 0, p.length));
        assertTrue(chain.isFragment());
        assertTrue(chain.isNonFirstFragment());
    }

    @Test
    void fullChainFindsUpperLayerAndInsertionPoint() {
        // hop-by-hop, destination options, routing, fragment (first), destination options, AH (16 octets), UDP
        byte[] ah = new byte[16];
        ah[0] = 17;
        ah[1] = 2; // (2 + 2) * 4 = 16 octets
        byte[] p = packet(0, ext8(60), ext8(43), ext8(44), fragment(60, 0, true), ext8(51), ah, new byte[8]);
        assertTrue(chain.parse(p, 0, p.length));
        assertEquals(17, chain.upperLayerProtocol());
        assertEquals(40 + 8 * 5 + 16, chain.upperLayerOffset());
        assertEquals(40 + 8 * 5, chain.upperLayerNextHeaderField(), "AH's next header field");
        assertEquals(40 + 8 * 4, chain.insertOffset(), "after hop-by-hop, dest opts, routing, fragment");
        assertEquals(40 + 8 * 3, chain.insertNextHeaderField());
        assertTrue(chain.isFragment());
        assertFalse(chain.isNonFirstFragment());
    }

    @Test
    void nonFirstFragmentStopsAtTheFragmentHeader() {
        byte[] p = packet(44, fragment(6, 185, false), new byte[16]);
        assertTrue(chain.parse(p, 0, p.length));
        assertTrue(chain.isNonFirstFragment());
        assertEquals(6, chain.upperLayerProtocol());
        assertEquals(48, chain.upperLayerOffset());
    }

    @Test
    void espEndsTheWalk() {
        byte[] p = packet(0, ext8(50), new byte[24]);
        assertTrue(chain.parse(p, 0, p.length));
        assertEquals(50, chain.upperLayerProtocol());
        assertEquals(48, chain.upperLayerOffset());
        assertEquals(40, chain.upperLayerNextHeaderField());
        assertEquals(48, chain.insertOffset());
        assertEquals(40, chain.insertNextHeaderField());
    }

    @Test
    void malformedChainsAreRejected() {
        byte[] late = packet(60, ext8(0), new byte[8]);
        assertFalse(chain.parse(late, 0, late.length), "hop-by-hop after another header");
        byte[] twoFragments = packet(44, fragment(44, 0, true), fragment(6, 0, true));
        assertFalse(chain.parse(twoFragments, 0, twoFragments.length));
        byte[] overrun = packet(60, new byte[] {6, 3, 0, 0, 0, 0, 0, 0});
        assertFalse(chain.parse(overrun, 0, overrun.length), "header length 32 in 8 octets");
        byte[] cut = packet(60, new byte[] {6});
        assertFalse(chain.parse(cut, 0, cut.length), "no room for the length octet");
        byte[][] many = new byte[IpHeaderChain.MAX_EXTENSION_HEADERS + 1][];
        for (int i = 0; i < many.length; i++) {
            many[i] = ext8(i == many.length - 1 ? 6 : 60);
        }
        byte[] tooMany = packet(60, many);
        assertFalse(chain.parse(tooMany, 0, tooMany.length));
    }
}
