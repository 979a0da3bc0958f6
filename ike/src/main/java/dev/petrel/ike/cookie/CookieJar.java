package dev.petrel.ike.cookie;

import dev.petrel.crypto.KeyMaterial;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Stateless cookies for a responder under load (RFC 7296 §2.6):
 * <pre>
 * Cookie = &lt;VersionIDofSecret&gt; | SHA-256(Ni | IPi | SPIi | &lt;secret&gt;)
 * </pre>
 * with a 4-octet version id, IPi always 16 octets (an IPv4 address as IPv4-mapped IPv6, so that Ni's variable
 * length cannot shift octets between Ni and the address), and a 32-octet secret drawn from the injected
 * SecureRandom. A secret makes cookies for one {@code rotation} period after it is drawn and is accepted for two:
 * the previous secret still verifies the cookies it made until it too expires. The jar holds two secrets at most
 * and reads no clock: callers pass {@code now}. Cookies are 36 octets; anything else, including anything longer
 * than the RFC's 64 octets, is rejected before any hashing. Not thread-safe; {@link #destroy()} wipes the secrets.
 */
public final class CookieJar {
    /** The longest cookie a responder may send (RFC 7296 §2.6). */
    public static final int MAX_COOKIE_LENGTH = 64;

    private static final int VERSION_LENGTH = 4;
    private static final int SECRET_LENGTH = 32;
    private static final int HASH_LENGTH = 32;
    private static final int COOKIE_LENGTH = VERSION_LENGTH + HASH_LENGTH;

    /** A secret, its version id and when it was drawn. */
    private record Secret(int version, byte[] key, Instant created) {
        @Override
        public String toString() {
            return "Secret[version " + version + ", " + created + "]";
        }
    }

    private final SecureRandom random;
    private final Duration rotation;
    private final MessageDigest sha256;
    private Secret current;
    private Secret previous;
    private int nextVersion;

    /** @param rotation how long a secret makes cookies; it is accepted for twice as long */
    public CookieJar(SecureRandom random, Duration rotation) {
        this.random = Objects.requireNonNull(random, "random");
        if (rotation.isNegative() || rotation.isZero()) {
            throw new IllegalArgumentException("rotation must be positive, got " + rotation);
        }
        this.rotation = rotation;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The cookie for an IKE_SA_INIT request with this Ni, source address and SPIi, under the current secret. */
    public byte[] cookie(byte[] ni, InetAddress initiator, long spiI, Instant now) {
        rotate(now);
        byte[] cookie = new byte[COOKIE_LENGTH];
        ByteBuffer.wrap(cookie).putInt(current.version()).put(hash(current, ni, initiator, spiI));
        return cookie;
    }

    /**
     * True when {@code cookie} is one this jar made for this Ni, source address and SPIi with a secret that has not
     * expired at {@code now}; the hash is compared in constant time.
     */
    public boolean verify(byte[] cookie, byte[] ni, InetAddress initiator, long spiI, Instant now) {
        if (cookie.length != COOKIE_LENGTH) {
            return false;
        }
        rotate(now);
        int version = ByteBuffer.wrap(cookie).getInt();
        Secret secret = current.version() == version ? current
                : previous != null && previous.version() == version ? previous : null;
        if (secret == null || !accepts(secret, now)) {
            return false;
        }
        return KeyMaterial.constantTimeEquals(hash(secret, ni, initiator, spiI), 0, cookie, VERSION_LENGTH, HASH_LENGTH);
    }

    /**
     * Draws a new current secret once the current one has made cookies for a whole period; the old one becomes the
     * previous secret while it is still accepted, and is wiped otherwise, as is the secret before it.
     */
    private void rotate(Instant now) {
        if (current != null && now.isBefore(current.created().plus(rotation))) {
            return;
        }
        wipe(previous);
        previous = current != null && accepts(current, now) ? current : null;
        if (previous == null) {
            wipe(current);
        }
        byte[] key = new byte[SECRET_LENGTH];
        random.nextBytes(key);
        current = new Secret(nextVersion++, key, now);
    }

    private boolean accepts(Secret secret, Instant now) {
        return now.isBefore(secret.created().plus(rotation.multipliedBy(2)));
    }

    private byte[] hash(Secret secret, byte[] ni, InetAddress initiator, long spiI) {
        sha256.update(ni);
        sha256.update(ipv6(initiator));
        sha256.update(ByteBuffer.allocate(8).putLong(spiI).array());
        sha256.update(secret.key());
        return sha256.digest();
    }

    /** The address as 16 octets: IPv6 as is, IPv4 as ::ffff:a.b.c.d (RFC 4291 §2.5.5.2). */
    private static byte[] ipv6(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return address.getAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        return mapped;
    }

    private static void wipe(Secret secret) {
        if (secret != null) {
            KeyMaterial.wipe(secret.key());
        }
    }

    /** Wipes both secrets; the next call draws a fresh one, so older cookies no longer verify. */
    public void destroy() {
        wipe(current);
        wipe(previous);
        current = null;
        previous = null;
    }

    @Override
    public String toString() {
        return "CookieJar[rotation " + rotation + ", current " + current + ", previous " + previous + "]";
    }
}
