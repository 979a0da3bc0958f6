package dev.petrel.esp;

import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test IP packets: IPv4 or IPv6 with a transport header whose first four octets are given, then a payload. */
public final class Packets {
    private Packets() {}

    public static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A UDP datagram from {@code src}:{@code sport} to {@code dst}:{@code dport} carrying {@code payloadLength} octets 0, 1, 2… */
    public static byte[] udp(String src, int sport, String dst, int dport, int payloadLength) {
        byte[] l4 = new byte[8 + payloadLength];
        l4[0] = (byte) (sport >>> 8);
        l4[1] = (byte) sport;
        l4[2] = (byte) (dport >>> 8);
        l4[3] = (byte) dport;
        l4[4] = (byte) (l4.length >>> 8);
        l4[5] = (byte) l4.length;
        for (int i = 0; i < payloadLength; i++) {
            l4[8 + i] = (byte) i;
        }
        return ip(src, dst, 17, l4);
    }

    /** An IPv4 or IPv6 packet (by the address family) with protocol {@code protocol} and the given payload. */
    public static byte[] ip(String src, String dst, int protocol, byte[] payload) {
        byte[] s = address(src);
        byte[] d = address(dst);
        if (s.length == 4) {
            byte[] p = new byte[20 + payload.length];
            Ipv4Header.write(p, 0, 0x28, p.length, 0x4242, true, 63, protocol, s, d);
            System.arraycopy(payload, 0, p, 20, payload.length);
            return p;
        }
        byte[] p = new byte[40 + payload.length];
        Ipv6Header.write(p, 0, 0x28, 0x12345, payload.length, protocol, 63, s, d);
        System.arraycopy(payload, 0, p, 40, payload.length);
        return p;
    }

    /** The IPv6 packet {@code p} with a hop-by-hop and a destination options header (8 octets each) before its payload. */
    public static byte[] withExtensionHeaders(byte[] p) {
        byte[] q = new byte[p.length + 16];
        System.arraycopy(p, 0, q, 0, 40);
        int upper = Ipv6Header.nextHeader(p, 0);
        Ipv6Header.setNextHeader(q, 0, 0);
        Ipv6Header.setPayloadLength(q, 0, Ipv6Header.payloadLength(p, 0) + 16);
        q[40] = 60; // hop-by-hop, then destination options
        q[42] = 1; // PadN option filling the header
        q[43] = 4;
        q[48] = (byte) upper;
        q[50] = 1;
        q[51] = 4;
        System.arraycopy(p, 40, q, 56, p.length - 40);
        return q;
    }
}
