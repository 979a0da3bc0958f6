package dev.petrel.ike.nat;

import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Notification Data of NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP (RFC 7296 §2.23):
 * SHA-1(SPIi | SPIr | IP | Port), the SPIs as they appear in the message's IKE header (SPIr is zero in the first
 * IKE_SA_INIT request), the IPv4 (4 octets) or IPv6 (16 octets) address and the UDP port in network order. A
 * receiver that finds no match for the source hash knows the peer is behind a NAT; for the destination hash,
 * that it is itself.
 */
public final class NatDetection {
    /** Octets of a SHA-1 digest. */
    public static final int HASH_LENGTH = 20;

    private NatDetection() {}

    /** SHA-1(SPIi | SPIr | address | port). */
    public static byte[] hash(long spiI, long spiR, InetAddress address, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port);
        }
        byte[] ip = address.getAddress();
        byte[] input = ByteBuffer.allocate(16 + ip.length + 2).putLong(spiI).putLong(spiR).put(ip).putShort((short) port).array();
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** True when {@code received} (a notification's data, any length) is {@link #hash}; compared in constant time. */
    public static boolean matches(byte[] received, long spiI, long spiR, InetAddress address, int port) {
        return MessageDigest.isEqual(hash(spiI, spiR, address, port), received);
    }
}
