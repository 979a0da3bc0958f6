package dev.petrel.gateway.config;

/**
 * TCP MSS clamping on a child's tunnel (Petrel's {@code mss_clamp} key): the gateway lowers the MSS option of TCP
 * SYNs crossing the tunnel so that segments fit its MTU without fragmentation (RFC 879, RFC 4459 §3.2).
 */
public sealed interface MssClamp {
    /** No clamping ({@code mss_clamp = no}, the default). */
    MssClamp OFF = new Off();
    /** Clamp to the tunnel's MTU less the IP, TCP and ESP overheads ({@code mss_clamp = yes}). */
    MssClamp PATH_MTU = new PathMtu();

    /** The smallest MSS accepted: every IPv4 host takes 536 octets (RFC 879, RFC 9293 §3.7.1). */
    int MIN_MSS = 536;
    /** The largest MSS of an IPv4 packet: 65535 less 20 octets each of IPv4 and TCP headers. */
    int MAX_MSS = 65495;

    record Off() implements MssClamp {}

    record PathMtu() implements MssClamp {}

    /** Clamp to a fixed MSS ({@code mss_clamp = 1360}). */
    record Fixed(int mss) implements MssClamp {
        public Fixed {
            if (mss < MIN_MSS || mss > MAX_MSS) {
                throw new IllegalArgumentException("an MSS must be " + MIN_MSS + " to " + MAX_MSS + ", got " + mss);
            }
        }
    }
}
