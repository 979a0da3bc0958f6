package dev.petrel.wire.ip;

import java.net.Inet6Address;
import java.net.InetAddress;

/** An IPv4 or IPv6 prefix such as 203.0.113.0/24: an address with no bits set past the prefix length. */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        byte[] a = address.getAddress();
        if (length < 0 || length > 8 * a.length) {
            throw new IllegalArgumentException("prefix length " + length + " for " + address.getHostAddress());
        }
        for (int bit = length; bit < 8 * a.length; bit++) {
            if ((a[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("bits set past the prefix length in " + address.getHostAddress() + "/" + length);
            }
        }
    }

    /** "203.0.113.0/24", "2001:db8:2::/48"; a literal address without a length is a host prefix. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
        return new IpPrefix(address, slash < 0 ? 8 * address.getAddress().length : Integer.parseInt(text.substring(slash + 1)));
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
