package dev.petrel.wire.iana;

/** IP protocol numbers ("Assigned Internet Protocol Numbers") that Petrel reads or writes. */
public final class IpProtocol {
    public static final int HOPOPT = 0;
    public static final int ICMP = 1;
    public static final int IPV4 = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6 = 41;
    public static final int IPV6_ROUTE = 43;
    public static final int IPV6_FRAG = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    /** "No Next Header": an ESP dummy packet (RFC 4303 §2.6). */
    public static final int NO_NEXT_HEADER = 59;
    public static final int IPV6_OPTS = 60;
    /** SCTP (RFC 9260), whose header starts with the two ports like TCP and UDP. */
    public static final int SCTP = 132;
    /** The traffic selector and SPD wildcard (RFC 4301 §4.4.1.1 "ANY"). */
    public static final int ANY = 0;

    private IpProtocol() {}
}
