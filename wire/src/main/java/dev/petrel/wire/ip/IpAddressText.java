package dev.petrel.wire.ip;

import java.net.InetAddress;

/**
 * IP addresses as people and strongSwan write them: dotted quads, and IPv6 in RFC 5952's canonical form (lower case,
 * no leading zeros, the longest run of two or more zero groups shortened to {@code ::}, the first of equal runs),
 * which the JDK's {@code getHostAddress()} does not produce.
 */
public final class IpAddressText {
    private IpAddressText() {}

    public static String of(InetAddress address) {
        return of(address.getAddress());
    }

    /** {@code address} of 4 or 16 octets. */
    public static String of(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an address of " + address.length + " octets");
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
