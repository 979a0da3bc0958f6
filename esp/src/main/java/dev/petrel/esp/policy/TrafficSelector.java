package dev.petrel.esp.policy;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpAddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One traffic selector (RFC 7296 §3.13.1, RFC 4301 §4.4.1): an inclusive address range of one IP family, an IP
 * protocol (0 for any) and an inclusive port range. For ICMP the "ports" are the type and code (RFC 4301 §4.4.1.3).
 */
public record TrafficSelector(byte[] startAddress, byte[] endAddress, int ipProtocol, int startPort, int endPort) {
    public TrafficSelector {
        if (startAddress.length != endAddress.length || (startAddress.length != 4 && startAddress.length != 16)) {
            throw new IllegalArgumentException("a traffic selector's addresses must both be IPv4 or both IPv6");
        }
        if (Arrays.compareUnsigned(startAddress, endAddress) > 0) {
            throw new IllegalArgumentException("traffic selector start address is above its end address");
        }
        if (ipProtocol < 0 || ipProtocol > 255) {
            throw new IllegalArgumentException("IP protocol out of range: " + ipProtocol);
        }
        if (startPort < 0 || endPort > 65535 || startPort > endPort) {
            throw new IllegalArgumentException("bad port range " + startPort + "-" + endPort);
        }
        startAddress = startAddress.clone();
        endAddress = endAddress.clone();
    }

    /** Every address of one family, every protocol and port. */
    public static TrafficSelector any(boolean ipv6) {
        byte[] lo = new byte[ipv6 ? 16 : 4];
        byte[] hi = new byte[lo.length];
        Arrays.fill(hi, (byte) 0xff);
        return new TrafficSelector(lo, hi, IpProtocol.ANY, 0, 65535);
    }

    /** A CIDR prefix such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}, any protocol and port. */
    public static TrafficSelector subnet(String cidr) {
        return subnet(cidr, IpProtocol.ANY, 0, 65535);
    }

    /** A CIDR prefix with a protocol and port range. */
    public static TrafficSelector subnet(String cidr, int ipProtocol, int startPort, int endPort) {
        int slash = cidr.indexOf('/');
        byte[] base = parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
        int bits = slash < 0 ? base.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (bits < 0 || bits > base.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        byte[] lo = base.clone();
        byte[] hi = base.clone();
        for (int i = 0; i < base.length * 8; i++) {
            if (i >= bits) {
                lo[i / 8] &= (byte) ~(0x80 >>> (i % 8));
                hi[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return new TrafficSelector(lo, hi, ipProtocol, startPort, endPort);
    }

    private static byte[] parseAddress(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }

    public boolean isIpv6() {
        return startAddress.length == 16;
    }

    @Override
    public byte[] startAddress() {
        return startAddress.clone();
    }

    @Override
    public byte[] endAddress() {
        return endAddress.clone();
    }

    /** True when {@code address[off, off+len)} lies in the address range (a family mismatch never matches). */
    public boolean containsAddress(byte[] address, int off, int len) {
        int n = startAddress.length;
        return len == n
                && Arrays.compareUnsigned(startAddress, 0, n, address, off, off + n) <= 0
                && Arrays.compareUnsigned(address, off, off + n, endAddress, 0, n) <= 0;
    }

    /**
     * True when the selector covers a packet's protocol and port. {@code port} is -1 when the packet has no
     * ports to read (e.g. a fragment, RFC 4301 §4.4.1 OPAQUE); only a full port range matches it then.
     */
    public boolean containsProtocolAndPort(int protocol, int port) {
        if (ipProtocol != IpProtocol.ANY && ipProtocol != protocol) {
            return false;
        }
        if (port < 0) {
            return startPort == 0 && endPort == 65535;
        }
        return port >= startPort && port <= endPort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficSelector t
                && Arrays.equals(startAddress, t.startAddress)
                && Arrays.equals(endAddress, t.endAddress)
                && ipProtocol == t.ipProtocol
                && startPort == t.startPort
                && endPort == t.endPort;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(startAddress) + Arrays.hashCode(endAddress)) + ipProtocol * 65537 + startPort * 7 + endPort;
    }

    /**
     * As strongSwan writes selectors: a prefix when the range is one ({@code 203.0.113.0/24}), else the range
     * ({@code 192.0.2.10..192.0.2.20}), then any protocol and port restriction ({@code [6/443]}, {@code [17]}).
     */
    @Override
    public String toString() {
        int prefix = prefixLength();
        String addresses = prefix >= 0 ? format(startAddress) + "/" + prefix : format(startAddress) + ".." + format(endAddress);
        boolean anyPort = startPort == 0 && endPort == 65535;
        if (ipProtocol == IpProtocol.ANY && anyPort) {
            return addresses;
        }
        String ports = anyPort ? "" : "/" + (startPort == endPort ? String.valueOf(startPort) : startPort + "-" + endPort);
        return addresses + "[" + ipProtocol + ports + "]";
    }

    /** The prefix length when the range is exactly one CIDR prefix, else -1. */
    public int prefixLength() {
        int bits = startAddress.length * 8;
        int prefix = 0;
        while (prefix < bits && bit(startAddress, prefix) == bit(endAddress, prefix)) {
            prefix++;
        }
        for (int i = prefix; i < bits; i++) {
            if (bit(startAddress, i) != 0 || bit(endAddress, i) != 1) {
                return -1;
            }
        }
        return prefix;
    }

    private static int bit(byte[] a, int i) {
        return (a[i / 8] >>> (7 - i % 8)) & 1;
    }

    private static String format(byte[] a) {
        return IpAddressText.of(a);
    }
}
