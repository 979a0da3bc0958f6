package dev.petrel.esp;

import dev.petrel.esp.sa.Mode;

/** A mode with its address families: transport over IPv4 or IPv6, or tunnel with inner and outer families. */
public enum Topology {
    TRANSPORT_4(Mode.TRANSPORT, false, false),
    TRANSPORT_6(Mode.TRANSPORT, true, true),
    TUNNEL_4_IN_4(Mode.TUNNEL, false, false),
    TUNNEL_6_IN_4(Mode.TUNNEL, true, false),
    TUNNEL_4_IN_6(Mode.TUNNEL, false, true),
    TUNNEL_6_IN_6(Mode.TUNNEL, true, true);

    public final Mode mode;
    public final boolean innerIpv6;
    public final boolean outerIpv6;

    Topology(Mode mode, boolean innerIpv6, boolean outerIpv6) {
        this.mode = mode;
        this.innerIpv6 = innerIpv6;
        this.outerIpv6 = outerIpv6;
    }

    /**
     * A UDP packet to protect: between the gateways in transport mode (over IPv6 with a hop-by-hop and a
     * destination options header), between the networks behind them in tunnel mode.
     */
    public byte[] packet(int payloadLength) {
        if (mode == Mode.TRANSPORT) {
            return innerIpv6 ? Packets.withExtensionHeaders(Packets.udp(SaPair.GATEWAY_A6, 4000, SaPair.GATEWAY_B6, 5000, payloadLength))
                    : Packets.udp(SaPair.GATEWAY_A4, 4000, SaPair.GATEWAY_B4, 5000, payloadLength);
        }
        return innerIpv6 ? Packets.udp("2001:db8:1::7", 4000, "2001:db8:2::9", 5000, payloadLength)
                : Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, payloadLength);
    }
}
