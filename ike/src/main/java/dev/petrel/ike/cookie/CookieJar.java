package dev.petrel.ike.cookie;

import dev.petrel.crypto.KeyMaterial;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Stateless cookies (RFC 7296 §2.6): Cookie = VersionIDofSecret | SHA-256(Ni | IPi | SPIi | secret). The secret
 * rotates every {@code lifetime}; cookies made with the previous secret are still accepted until it too expires.
 * Holds two secrets, nothing per request.
 */
public final class CookieJar {
    private static final int MAX_COOKIE = 64;

    private final SecureRandom random;
    private final Duration lifetime;
    private byte[] current;
    private byte[] previous;
    private int version;
    private Instant rotated;

    public CookieJar(SecureRandom random, Duration lifetime) {
        this.random = random;
        this.lifetime = lifetime;
    }

    public byte[] cookie(byte[] ni, InetAddress initiator, long spiI, Instant now) {
        rotate(now);
        return make(version, current, ni, initiator, spiI);
    }

    public boolean verify(byte[] cookie, byte[] ni, InetAddress initiator, long spiI, Instant now) {
        rotate(now);
        if (cookie.length < 4 || cookie.length > MAX_COOKIE) {
            return false;
        }
        int v = ByteBuffer.wrap(cookie).getInt();
        byte[] secret = v == version ? current : v == version - 1 ? previous : null;
        return secret != null && MessageDigest.isEqual(cookie, make(v, secret, ni, initiator, spiI));
    }

    private void rotate(Instant now) {
        if (current == null || !now.isBefore(rotated.plus(lifetime))) {
            KeyMaterial.wipe(previous);
            boolean recent = current != null && now.isBefore(rotated.plus(lifetime.multipliedBy(2)));
            previous = recent ? current : null;
            current = new byte[32];
            random.nextBytes(current);
            version++;
            rotated = now;
        }
    }

    private static byte[] make(int version, byte[] secret, byte[] ni, InetAddress initiator, long spiI) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ni);
            sha.update(initiator.getAddress());
            sha.update(ByteBuffer.allocate(8).putLong(spiI).array());
            sha.update(secret);
            return ByteBuffer.allocate(4 + 32).putInt(version).put(sha.digest()).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
