package dev.petrel.ike.cookie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.vectors.Hex;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.6 cookies: binding to Ni, IPi and SPIi, rotation, expiry, length limits. */
class CookieJarTest {
    private static final Duration ROTATION = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SPI_I = 0x1122334455667788L;

    private final CookieJar jar = new CookieJar(SeededRandom.of(26), ROTATION);
    private final byte[] ni = filled(32, 0x4e);
    private final InetAddress ip = address("192.0.2.1");

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCookieVerifiesForTheSameRequestOnly() {
        byte[] cookie = jar.cookie(ni, ip, SPI_I, T0);
        assertEquals(36, cookie.length, "4-octet version id and SHA-256");
        assertTrue(jar.verify(cookie, ni, ip, SPI_I, T0.plusSeconds(1)));
        byte[] otherNi = ni.clone();
        otherNi[31] ^= 1;
        assertFalse(jar.verify(cookie, otherNi, ip, SPI_I, T0));
        assertFalse(jar.verify(cookie, Arrays.copyOf(ni, 31), ip, SPI_I, T0));
        assertFalse(jar.verify(cookie, ni, address("192.0.2.2"), SPI_I, T0));
        assertFalse(jar.verify(cookie, ni, address("2001:db8::1"), SPI_I, T0));
        assertFalse(jar.verify(cookie, ni, ip, SPI_I + 1, T0));
    }

    @Test
    void anyChangedOctetIsRefused() {
        byte[] cookie = jar.cookie(ni, ip, SPI_I, T0);
        for (int i = 0; i < cookie.length; i++) {
            byte[] bad = cookie.clone();
            bad[i] ^= 0x10;
            assertFalse(jar.verify(bad, ni, ip, SPI_I, T0), "octet " + i);
        }
    }

    @Test
    void cookiesOfAnotherLengthAreRefused() {
        byte[] cookie = jar.cookie(ni, ip, SPI_I, T0);
        for (int length : new int[] {0, 1, 35, 37, CookieJar.MAX_COOKIE_LENGTH, CookieJar.MAX_COOKIE_LENGTH + 1, 4096}) {
            assertFalse(jar.verify(Arrays.copyOf(cookie, length), ni, ip, SPI_I, T0), length + " octets");
        }
    }

    @Test
    void thePreviousSecretVerifiesUntilItExpires() {
        byte[] first = jar.cookie(ni, ip, SPI_I, T0);
        assertArrayEquals(first, jar.cookie(ni, ip, SPI_I, T0.plus(ROTATION).minusMillis(1)), "one secret per period");

        byte[] second = jar.cookie(ni, ip, SPI_I, T0.plus(ROTATION));
        assertNotEquals(Hex.encode(first), Hex.encode(second), "rotated");
        assertTrue(jar.verify(first, ni, ip, SPI_I, T0.plus(ROTATION).plusSeconds(30)), "previous secret still accepted");
        assertTrue(jar.verify(second, ni, ip, SPI_I, T0.plus(ROTATION).plusSeconds(30)));

        Instant firstExpired = T0.plus(ROTATION.multipliedBy(2));
        assertFalse(jar.verify(first, ni, ip, SPI_I, firstExpired), "a secret lives two periods");
        assertTrue(jar.verify(second, ni, ip, SPI_I, firstExpired.minusMillis(1).plus(ROTATION)));
        assertFalse(jar.verify(second, ni, ip, SPI_I, firstExpired.plus(ROTATION)));
    }

    @Test
    void aLongIdleJarForgetsBothSecrets() {
        byte[] first = jar.cookie(ni, ip, SPI_I, T0);
        byte[] second = jar.cookie(ni, ip, SPI_I, T0.plus(ROTATION));
        Instant later = T0.plus(ROTATION.multipliedBy(10));
        assertFalse(jar.verify(first, ni, ip, SPI_I, later));
        assertFalse(jar.verify(second, ni, ip, SPI_I, later));
        assertTrue(jar.verify(jar.cookie(ni, ip, SPI_I, later), ni, ip, SPI_I, later));
    }

    @Test
    void onlyTheLastTwoSecretsAreKept() {
        byte[][] cookies = new byte[1000][];
        Duration step = ROTATION.dividedBy(10).multipliedBy(11); // rotate at every step; a secret outlives one step
        for (int i = 0; i < cookies.length; i++) {
            Instant now = T0.plus(step.multipliedBy(i));
            cookies[i] = jar.cookie(ni, ip, SPI_I, now);
            assertTrue(jar.verify(cookies[i], ni, ip, SPI_I, now));
            if (i >= 1) {
                assertTrue(jar.verify(cookies[i - 1], ni, ip, SPI_I, now), "previous");
            }
            if (i >= 2) {
                assertFalse(jar.verify(cookies[i - 2], ni, ip, SPI_I, now), "the one before is gone");
            }
        }
    }

    @Test
    void theSameSeedMakesTheSameCookies() {
        CookieJar again = new CookieJar(SeededRandom.of(26), ROTATION);
        assertArrayEquals(jar.cookie(ni, ip, SPI_I, T0), again.cookie(ni, ip, SPI_I, T0));
        assertNotEquals(Hex.encode(jar.cookie(ni, ip, SPI_I, T0)),
                Hex.encode(new CookieJar(SeededRandom.of(27), ROTATION).cookie(ni, ip, SPI_I, T0)));
    }

    @Test
    void destroyForgetsTheSecrets() {
        byte[] cookie = jar.cookie(ni, ip, SPI_I, T0);
        jar.destroy();
        assertFalse(jar.verify(cookie, ni, ip, SPI_I, T0));
    }

    @Test
    void rotationMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CookieJar(SeededRandom.of(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CookieJar(SeededRandom.of(1), Duration.ofSeconds(-1)));
    }
}
