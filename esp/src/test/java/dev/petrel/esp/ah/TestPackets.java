package dev.petrel.esp.ah;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Builds the IP packets the AH tests protect, independently of the code under test. */
final class TestPackets {
    static final int HEADROOM = 128;
    static final int SPI = 0x0badcafe;
    /** Ports no Wireshark dissector claims, so tshark shows the payload as data. */
    static final int SOURCE_PORT = 40000;
    static final int DESTINATION_PORT = 40001;

    private TestPackets() {}

    /** The test key: 0xa0, 0xa1, ... */
    static byte[] key(IntegrityAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xa0 + i);
        }
        return key;
    }

    static Integrity integrity(IntegrityAlgorithm algorithm) {
        return Transforms.integrity(algorithm, key(algorithm));
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] udp(int sourcePort, int destinationPort, String text) {
        byte[] data = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] u = new byte[8 + data.length];
        put16(u, 0, sourcePort);
        put16(u, 2, destinationPort);
        put16(u, 4, u.length);
        System.arraycopy(data, 0, u, 8, data.length);
        return u;
    }

    /** IPv4 with TOS 0x29 (DSCP AF11, ECT(1)), ID 0x1234, DF, TTL 64, the given options (a multiple of 4 octets) and a valid checksum. */
    static byte[] ipv4(String source, String destination, int protocol, byte[] options, byte[] payload) {
        int hl = 20 + options.length;
        byte[] p = new byte[hl + payload.length];
        p[0] = (byte) (0x40 | hl / 4);
        p[1] = 0x29;
        put16(p, 2, p.length);
        put16(p, 4, 0x1234);
        p[6] = 0x40;
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(address(source), 0, p, 12, 4);
        System.arraycopy(address(destination), 0, p, 16, 4);
        System.arraycopy(options, 0, p, 20, options.length);
        System.arraycopy(payload, 0, p, hl, payload.length);
        fixChecksum(p, 0);
        return p;
    }

    static void fixChecksum(byte[] p, int off) {
        p[off + 10] = 0;
        p[off + 11] = 0;
        put16(p, off + 10, ~onesComplementSum(p, off, (p[off] & 0x0f) * 4) & 0xffff);
    }

    static int onesComplementSum(byte[] p, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (p[off + i] & 0xff) << 8 | p[off + i + 1] & 0xff;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    /**
     * IPv6 with traffic class 0xb9 (DSCP EF, ECT(1)), flow label 0x12345, hop limit 64, then the extension headers (each with its
     * next-header octet still to be chained; {@code types} names them) and an upper-layer payload.
     */
    static byte[] ipv6(String source, String destination, int upperProtocol, byte[] payload, int[] types, byte[]... extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] base = new byte[40];
        base[0] = 0x6b;
        base[1] = (byte) 0x91;
        base[2] = 0x23;
        base[3] = 0x45;
        base[6] = (byte) (types.length > 0 ? types[0] : upperProtocol);
        base[7] = 64;
        System.arraycopy(address(source), 0, base, 8, 16);
        System.arraycopy(address(destination), 0, base, 24, 16);
        out.writeBytes(base);
        for (int i = 0; i < extensions.length; i++) {
            byte[] e = extensions[i].clone();
            e[0] = (byte) (i + 1 < types.length ? types[i + 1] : upperProtocol);
            out.writeBytes(e);
        }
        out.writeBytes(payload);
        byte[] p = out.toByteArray();
        put16(p, 4, p.length - 40);
        return p;
    }

    static byte[] ipv6Udp(String source, String destination, String text) {
        return ipv6(source, destination, IpProtocol.UDP, udp(SOURCE_PORT, DESTINATION_PORT, text), new int[0]);
    }

    static byte[] ipv4Udp(String source, String destination, String text) {
        return ipv4(source, destination, IpProtocol.UDP, new byte[0], udp(SOURCE_PORT, DESTINATION_PORT, text));
    }

    /** Hop-by-hop or destination options header holding {@code options}, padded with PadN to 8n octets. */
    static byte[] optionsHeader(byte[]... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        for (byte[] o : options) {
            out.writeBytes(o);
        }
        int pad = (8 - out.size() % 8) % 8;
        if (pad == 1) {
            out.write(0);
        } else if (pad > 1) {
            out.write(1);
            out.write(pad - 2);
            out.writeBytes(new byte[pad - 2]);
        }
        byte[] h = out.toByteArray();
        h[1] = (byte) (h.length / 8 - 1);
        return h;
    }

    static byte[] option(int type, int... data) {
        byte[] o = new byte[2 + data.length];
        o[0] = (byte) type;
        o[1] = (byte) data.length;
        for (int i = 0; i < data.length; i++) {
            o[2 + i] = (byte) data[i];
        }
        return o;
    }

    /** A type 0 (RFC 2460) or type 2 (RFC 6275) routing header with these addresses and segments left. */
    static byte[] routingHeader(int type, int segmentsLeft, String... addresses) {
        byte[] h = new byte[8 + 16 * addresses.length];
        h[1] = (byte) (2 * addresses.length);
        h[2] = (byte) type;
        h[3] = (byte) segmentsLeft;
        for (int i = 0; i < addresses.length; i++) {
            System.arraycopy(address(addresses[i]), 0, h, 8 + 16 * i, 16);
        }
        return h;
    }

    /** What a router does with a routing header of type 0 or 2 at {@code rh} (RFC 2460 §4.4): the next hop swaps in. */
    static void routeOneHop(byte[] p, int ipOff, int rh) {
        int n = (p[rh + 1] & 0xff) / 2;
        int left = p[rh + 3] & 0xff;
        int i = n - left;
        byte[] tmp = Arrays.copyOfRange(p, rh + 8 + 16 * i, rh + 8 + 16 * i + 16);
        System.arraycopy(p, ipOff + 24, p, rh + 8 + 16 * i, 16);
        System.arraycopy(tmp, 0, p, ipOff + 24, 16);
        p[rh + 3] = (byte) (left - 1);
        p[ipOff + 7]--;
    }

    /** The packet at {@link #HEADROOM} in a larger buffer. */
    static byte[] inBuffer(byte[] packet) {
        byte[] buf = new byte[HEADROOM + packet.length];
        System.arraycopy(packet, 0, buf, HEADROOM, packet.length);
        return buf;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
