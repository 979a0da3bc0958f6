package dev.petrel.esp.packet;

import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * ECN through IP-in-IP tunnels, RFC 6040 "normal mode", which updates RFC 4301 §5.1.2.1. The codepoints are those
 * of RFC 3168 §5. Stateless and allocation-free.
 * <ul>
 *   <li>Encapsulation (§4.1): the outer header carries the inner packet's ECN field unchanged, see {@link #of}.</li>
 *   <li>Decapsulation (§4.2): the outer and inner ECN fields combine as the table of Figure 4 says, see
 *   {@link #decapsulate(int, int)}; the one combination that cannot be carried (a congestion mark on a packet whose
 *   transport does not understand ECN) drops the packet.</li>
 * </ul>
 */
public final class Ecn {
    /** Not ECN-Capable Transport. */
    public static final int NOT_ECT = 0b00;
    /** ECN-Capable Transport, ECT(1). */
    public static final int ECT_1 = 0b01;
    /** ECN-Capable Transport, ECT(0). */
    public static final int ECT_0 = 0b10;
    /** Congestion Experienced. */
    public static final int CE = 0b11;
    /** What {@link #decapsulate(int, int)} returns when the packet must be dropped. */
    public static final int DROP = -1;

    /**
     * RFC 6040 Figure 4, indexed [inner][outer] by codepoint value (Not-ECT 0, ECT(1) 1, ECT(0) 2, CE 3). The figure
     * lists the outer columns as Not-ECT, ECT(0), ECT(1), CE; here they are in codepoint order.
     */
    private static final int[][] FIGURE_4 = {
            // outer:   Not-ECT  ECT(1)   ECT(0)   CE
            /* Not-ECT */ {NOT_ECT, NOT_ECT, NOT_ECT, DROP},
            /* ECT(1)  */ {ECT_1, ECT_1, ECT_1, CE},
            /* ECT(0)  */ {ECT_0, ECT_1, ECT_0, CE},
            /* CE      */ {CE, CE, CE, CE},
    };

    private Ecn() {}

    /** The ECN field of the IPv4 or IPv6 packet at {@code off} (its header must hold at least 2 octets). */
    public static int of(byte[] buf, int off) {
        return IpPacket.version(buf, off, 1) == 4 ? Ipv4Header.ecn(buf, off) : Ipv6Header.ecn(buf, off);
    }

    /**
     * RFC 6040 §4.2, Figure 4: the ECN field the inner header leaves the decapsulator with, given the arriving inner
     * and outer fields (each 0-3), or {@link #DROP} for an inner Not-ECT packet with an outer CE mark.
     */
    public static int decapsulate(int inner, int outer) {
        return FIGURE_4[inner & 0x03][outer & 0x03];
    }

    /**
     * Applies {@link #decapsulate(int, int)} to the inner packet {@code buf[off, ...)}, a validated IPv4 or IPv6
     * header: when its ECN field changes it is rewritten, with the IPv4 header checksum updated incrementally.
     *
     * @param outer the ECN field of the outer header as it arrived, read before the inner packet was exposed
     * @return false when the packet must be dropped (the buffer is then unchanged)
     */
    public static boolean decapsulate(byte[] buf, int off, int outer) {
        boolean ipv4 = IpPacket.version(buf, off, 1) == 4;
        int inner = ipv4 ? Ipv4Header.ecn(buf, off) : Ipv6Header.ecn(buf, off);
        int result = decapsulate(inner, outer);
        if (result == DROP) {
            return false;
        }
        if (result != inner) {
            if (ipv4) {
                Ipv4Header.setEcn(buf, off, result);
            } else {
                Ipv6Header.setEcn(buf, off, result);
            }
        }
        return true;
    }
}
