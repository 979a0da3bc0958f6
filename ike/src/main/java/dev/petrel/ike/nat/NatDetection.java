package dev.petrel.ike.nat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The NAT detection hash (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP address | port). */
public final class NatDetection {
    private NatDetection() {}

    public static byte[] hash(long spiI, long spiR, InetAddress address, int port) {
        byte[] ip = address.getAddress();
        byte[] input = ByteBuffer.allocate(16 + ip.length + 2).putLong(spiI).putLong(spiR).put(ip).putShort((short) port).array();
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
        }
    }
}
