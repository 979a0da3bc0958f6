package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.prf.AesXcbcPrf128;
import dev.petrel.crypto.prf.HmacPrf;
import dev.petrel.crypto.prf.Prf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.15 signed octets and the shared-key AUTH beyond the strongSwan known answers in StrongSwanIkeTest. */
class SharedKeyAuthTest {
    private static final byte[] PSK = "a test-only pre-shared key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE = "IKE_SA_INIT request, as sent".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONCE = new byte[32];
    private static final byte[] SK_P = new byte[32];
    private static final byte[] ID = {2, 0, 0, 0, 'p', 'e', 't', 'r', 'e', 'l'};

    @Test
    void signedOctetsAreMessageNonceAndMacedId() {
        Arrays.fill(NONCE, (byte) 7);
        byte[] macedId = HmacPrf.SHA2_256.compute(SK_P, ID);
        byte[] expected = ByteBuffer.allocate(MESSAGE.length + 32 + 32).put(MESSAGE).put(NONCE).put(macedId).array();
        assertArrayEquals(expected, SignedOctets.of(MESSAGE, NONCE, HmacPrf.SHA2_256, SK_P, ID));
    }

    @Test
    void authIsPrfOfPrfOfTheKeyAndTheKeyPad() {
        byte[] octets = SignedOctets.of(MESSAGE, NONCE, HmacPrf.SHA2_256, SK_P, ID);
        for (Prf prf : new Prf[] {HmacPrf.SHA1, HmacPrf.SHA2_256, HmacPrf.SHA2_512, AesXcbcPrf128.INSTANCE}) {
            byte[] padKey = prf.compute(PSK, "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII));
            byte[] expected = prf.compute(padKey, octets);
            assertArrayEquals(expected, SharedKeyAuth.compute(prf, PSK, octets));
            assertArrayEquals(expected, new SharedKeyAuth(prf, PSK).authenticate(octets));
            assertTrue(SharedKeyAuth.verify(prf, PSK, octets, expected));
        }
    }

    @Test
    void verifyRefusesAnyOtherData() {
        byte[] octets = SignedOctets.of(MESSAGE, NONCE, HmacPrf.SHA2_256, SK_P, ID);
        Authenticator auth = new SharedKeyAuth(HmacPrf.SHA2_256, PSK);
        byte[] good = auth.authenticate(octets);
        assertTrue(auth.verify(octets, good));
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 1;
            assertFalse(auth.verify(octets, bad));
        }
        assertFalse(auth.verify(octets, Arrays.copyOf(good, good.length - 1)));
        assertFalse(auth.verify(octets, Arrays.copyOf(good, good.length + 1)));
        assertFalse(auth.verify(octets, new byte[0]));
        byte[] otherOctets = octets.clone();
        otherOctets[0] ^= 1;
        assertFalse(auth.verify(otherOctets, good));
    }

    @Test
    void authenticatorDescribesItselfAndWipes() {
        SharedKeyAuth auth = new SharedKeyAuth(HmacPrf.SHA2_256, PSK);
        assertEquals(2, auth.authMethod());
        assertFalse(auth.toString().contains("test-only"));
        auth.destroy();
        assertTrue(auth.isDestroyed());
        assertThrows(IllegalStateException.class, () -> auth.authenticate(MESSAGE));
        assertThrows(IllegalStateException.class, () -> auth.verify(MESSAGE, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new SharedKeyAuth(HmacPrf.SHA2_256, new byte[0]));
    }
}
