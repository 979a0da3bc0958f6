package dev.petrel.ike.pool;

import java.net.InetAddress;

/** IP families by their version number, as pools and CP attributes take them: 4 or 6. */
public final class IpFamily {
    public static final int V4 = 4;
    public static final int V6 = 6;

    private IpFamily() {}

    /** 4 for a four-octet address, 6 for a sixteen-octet one. */
    public static int of(InetAddress address) {
        return address.getAddress().length == 4 ? V4 : V6;
    }

    /** {@code family} if it is 4 or 6. */
    public static int check(int family) {
        if (family != V4 && family != V6) {
            throw new IllegalArgumentException("IP family " + family + ": 4 or 6");
        }
        return family;
    }

    /** "IPv4" or "IPv6". */
    public static String name(int family) {
        return "IPv" + check(family);
    }

    /** The octets of an address of {@code family}: 4 or 16. */
    static int octets(int family) {
        return check(family) == V4 ? 4 : 16;
    }
}
