package dev.petrel.gateway.dataplane;

import dev.petrel.esp.sa.OutboundProcessing;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The handle a PROTECT policy carries for a CHILD_SA: the outbound SA and how its packets reach the peer, in UDP
 * (RFC 3948) or as raw ESP or AH, and where its lifetime events go. {@code lastSent} is the outbound worker's, for NAT
 * keepalives.
 */
final class OutboundChild implements Protection {
    final String name;
    final OutboundProcessing sa;
    /** Shared with the CHILD_SA's inbound SA: the control plane knows a CHILD_SA by our inbound SPI. */
    final LifetimeFlags lifetime;
    /** Our address the SA runs from. */
    final InetAddress local;
    final InetAddress peer;
    /** The peer's NAT-T endpoint, or null to send raw IP protocol {@link #protocol}. */
    final InetSocketAddress udpPeer;
    final int protocol;
    /** The largest inner packet whose protected form fits the path MTU. */
    final int maxPacket;
    /** The TCP MSS limit for IPv4 and IPv6 SYNs, 0 to leave them alone. */
    final int mss4;
    final int mss6;
    long lastSent;

    OutboundChild(String name, OutboundProcessing sa, LifetimeFlags lifetime, InetSocketAddress peerEndpoint, boolean udp,
                  int protocol, ChildOptions options, long now) {
        this.name = name;
        this.sa = sa;
        this.lifetime = lifetime;
        this.local = sa.parameters().localAddress();
        this.peer = peerEndpoint.getAddress();
        this.udpPeer = udp ? peerEndpoint : null;
        this.protocol = protocol;
        // headroom holds the outer header (tunnel mode) and ESP header and IV; tailroom the most padding and the ICV
        this.maxPacket = options.pathMtu() - sa.headroom() - sa.tailroom() - (udp ? 8 : 0);
        this.mss4 = mss(options, 4);
        this.mss6 = mss(options, 6);
        this.lastSent = now;
    }

    private int mss(ChildOptions options, int version) {
        return options.mssClamp() == 0 ? 0 : Math.min(options.mssClamp(), MssClamp.mssFor(maxPacket, version));
    }

    @Override
    public String toString() {
        return "OutboundChild[" + name + " " + sa.parameters().mode() + " to " + (udpPeer != null ? udpPeer + " in UDP" : peer)
                + ", inner packets up to " + maxPacket + "]";
    }
}
