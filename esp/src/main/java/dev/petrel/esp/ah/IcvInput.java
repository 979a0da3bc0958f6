package dev.petrel.esp.ah;

import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.util.Arrays;

/**
 * Feeds an {@link Integrity} the octets AH authenticates (RFC 4302 §3.3.3): the IP header and the extension headers
 * before AH with their mutable fields zeroed and predictable ones set to their value at the destination, AH with a
 * zero ICV, everything after AH, and with ESN the high-order sequence number bits (§3.3.3.2.2). The packet is not
 * modified; canonical copies go to per-instance scratch space. Not thread-safe.
 */
final class IcvInput {
    private static final byte[] ZEROS = new byte[256];
    private final byte[] header = new byte[60];
    private final byte[] esnHigh = new byte[4];

    /**
     * Feeds the packet laid out by {@code layout} (AH at {@code layout.ahOffset}, {@code ahLength} octets, whose ICV is
     * {@code icvLength} octets) to {@code mac}. The layout has validated every header and option it walks here.
     */
    void feed(Integrity mac, byte[] buf, AhLayout layout, int ahLength, int icvLength, boolean esn, int sequenceHigh) {
        if (layout.ipv6) {
            ipv6Headers(mac, buf, layout);
        } else {
            ipv4Header(mac, buf, layout);
        }
        int ah = layout.ahOffset;
        mac.update(buf, ah, AhHeader.ICV);
        zeros(mac, icvLength);
        // explicit padding after the ICV is authenticated as sent (§3.3.3.2.1)
        mac.update(buf, ah + AhHeader.ICV + icvLength, ahLength - AhHeader.ICV - icvLength);
        mac.update(buf, ah + ahLength, layout.end - ah - ahLength);
        if (esn) {
            AhHeader.writeInt(esnHigh, 0, sequenceHigh);
            mac.update(esnHigh, 0, 4);
        }
    }

    /**
     * IPv4 (§3.3.3.1.1): TOS, flags, fragment offset, TTL and checksum are zeroed. Options (Appendix A.1) are kept
     * when immutable and zeroed whole otherwise; loose and strict source routes also make the destination address
     * predictable: the last address of the route, while the route is not used up (§3.3.3.1.1.1).
     */
    private void ipv4Header(Integrity mac, byte[] buf, AhLayout layout) {
        int length = layout.headerEnd - layout.ipOffset;
        System.arraycopy(buf, layout.ipOffset, header, 0, length);
        for (int p = Ipv4Header.MIN_LENGTH; p < length; ) {
            int type = header[p] & 0xff;
            if (type == 0) {
                break; // End of Options List: the rest is padding, included as sent
            }
            if (type == 1) {
                p++;
                continue;
            }
            int optionLength = header[p + 1] & 0xff;
            if (!immutableIpv4Option(type)) {
                if (type == 131 || type == 137) {
                    int pointer = optionLength >= 3 ? header[p + 2] & 0xff : 0;
                    if (optionLength >= 7 && pointer >= 4 && pointer + 3 <= optionLength) {
                        System.arraycopy(header, p + optionLength - 4, header, Ipv4Header.DESTINATION_OFFSET, 4);
                    }
                }
                Arrays.fill(header, p, p + optionLength, (byte) 0);
            }
            p += optionLength;
        }
        header[1] = 0;
        header[6] = 0;
        header[7] = 0;
        header[8] = 0;
        header[10] = 0;
        header[11] = 0;
        mac.update(header, 0, length);
    }

    /** RFC 4302 Appendix A.1 "immutable": NOP/EOL aside, Security, Extended and Commercial Security, Router Alert, SDMDD. */
    private static boolean immutableIpv4Option(int type) {
        return type == 130 || type == 133 || type == 134 || type == 148 || type == 149;
    }

    /**
     * IPv6 (§3.3.3.1.2): traffic class, flow label and hop limit are zeroed; the destination is the final one; the
     * extension headers before AH follow.
     */
    private void ipv6Headers(Integrity mac, byte[] buf, AhLayout layout) {
        System.arraycopy(buf, layout.ipOffset, header, 0, Ipv6Header.LENGTH);
        header[0] = 0x60;
        header[1] = 0;
        header[2] = 0;
        header[3] = 0;
        header[7] = 0;
        System.arraycopy(buf, layout.finalDestinationOffset, header, Ipv6Header.DESTINATION_OFFSET, Ipv6Header.ADDRESS_LENGTH);
        mac.update(header, 0, Ipv6Header.LENGTH);
        int next = Ipv6Header.nextHeader(buf, layout.ipOffset);
        for (int pos = layout.headerEnd; pos < layout.ahOffset; ) {
            int length = ((buf[pos + 1] & 0xff) + 1) * 8;
            if (next == IpProtocol.IPV6_ROUTE && pos == layout.pendingRoutingOffset) {
                routingAtDestination(mac, buf, pos, length, layout.ipOffset + Ipv6Header.DESTINATION_OFFSET);
            } else if (next == IpProtocol.IPV6_ROUTE) {
                mac.update(buf, pos, length);
            } else {
                options(mac, buf, pos, pos + length);
            }
            next = buf[pos] & 0xff;
            pos += length;
        }
    }

    /**
     * Hop-by-hop or destination options (§3.3.3.1.2.1): an option whose type has the "may change en route" bit
     * (0x20, RFC 8200 §4.2) counts with its data as zeros; type and length are always included.
     */
    private static void options(Integrity mac, byte[] buf, int pos, int end) {
        mac.update(buf, pos, 2);
        for (int p = pos + 2; p < end; ) {
            int type = buf[p] & 0xff;
            if (type == 0) {
                mac.update(buf, p, 1); // Pad1
                p++;
                continue;
            }
            int dataLength = buf[p + 1] & 0xff;
            mac.update(buf, p, 2);
            if ((type & 0x20) != 0) {
                zeros(mac, dataLength);
            } else {
                mac.update(buf, p + 2, dataLength);
            }
            p += 2 + dataLength;
        }
    }

    /**
     * A type 0 or 2 routing header with segments left, as the destination will see it: segments left 0 and the
     * current destination swapped in where the remaining hops were (RFC 2460 §4.4 processing, run to the end).
     * With n addresses and s segments left the list becomes a[0..n-s-1], current destination, a[n-s..n-2].
     */
    private void routingAtDestination(Integrity mac, byte[] buf, int pos, int length, int destinationOffset) {
        int n = (length - 8) / 16;
        int s = buf[pos + 3] & 0xff;
        mac.update(buf, pos, 3);
        zeros(mac, 1);
        mac.update(buf, pos + 4, 4);
        int addresses = pos + 8;
        mac.update(buf, addresses, (n - s) * 16);
        mac.update(buf, destinationOffset, 16);
        mac.update(buf, addresses + (n - s) * 16, (s - 1) * 16);
    }

    private static void zeros(Integrity mac, int count) {
        for (int left = count; left > 0; left -= ZEROS.length) {
            mac.update(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }
}
