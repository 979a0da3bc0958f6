package dev.petrel.ike.keys;

import static dev.petrel.ike.keys.IkeSaKeysTest.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.prf.HmacPrf;
import dev.petrel.crypto.prf.PrfPlus;
import dev.petrel.testkit.vectors.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.17 beyond the strongSwan known answers: the KEYMAT order, PFS, lengths, wiping. */
class ChildSaKeysTest {
    private final byte[] skD = filled(32, 0x11);
    private final byte[] ni = filled(32, 0x22);
    private final byte[] nr = filled(24, 0x33);
    private final byte[] sharedSecret = filled(32, 0x44);

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void keysAreTakenInitiatorFirstEncryptionBeforeIntegrity() {
        ChildSaKeys keys = ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, ni, nr, 16, 32);
        byte[] keymat = PrfPlus.derive(HmacPrf.SHA2_256, skD, concat(ni, nr), 2 * (16 + 32));
        assertEquals(Hex.encode(keymat), Hex.encode(concat(keys.encryptionInitiator(), keys.integrityInitiator(),
                keys.encryptionResponder(), keys.integrityResponder())));
        assertEquals(16, keys.encryptionInitiator().length);
        assertEquals(32, keys.integrityResponder().length);
    }

    @Test
    void aKeyExchangeGoesBeforeTheNonces() {
        ChildSaKeys pfs = ChildSaKeys.derive(HmacPrf.SHA2_256, skD, sharedSecret, ni, nr, 36, 0);
        byte[] keymat = PrfPlus.derive(HmacPrf.SHA2_256, skD, concat(sharedSecret, ni, nr), 72);
        assertArrayEquals(Arrays.copyOf(keymat, 36), pfs.encryptionInitiator());
        assertArrayEquals(Arrays.copyOfRange(keymat, 36, 72), pfs.encryptionResponder());
        assertNotEquals(Hex.encode(pfs.encryptionInitiator()),
                Hex.encode(ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, ni, nr, 36, 0).encryptionInitiator()));
    }

    @Test
    void anAeadHasNoIntegrityKeys() {
        ChildSaKeys keys = ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, ni, nr, 20, 0);
        assertEquals(0, keys.integrityInitiator().length);
        assertEquals(0, keys.integrityResponder().length);
        assertEquals("ChildSaKeys[encryptionInitiator=20, integrityInitiator=0, encryptionResponder=20, integrityResponder=0 octets]",
                keys.toString());
    }

    @Test
    void refusesBadLengths() {
        assertThrows(IllegalArgumentException.class, () -> ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, ni, nr, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, ni, nr, 16, -1));
        assertThrows(IllegalArgumentException.class, () -> ChildSaKeys.derive(HmacPrf.SHA2_256, skD, null, new byte[15], nr, 16, 0));
    }

    @Test
    void destroyWipesTheKeysAndKeepsTheCallersInputs() {
        ChildSaKeys keys = ChildSaKeys.derive(HmacPrf.SHA2_256, skD, sharedSecret, ni, nr, 16, 20);
        byte[] held = keys.integrityResponder();
        keys.destroy();
        assertArrayEquals(new byte[20], held);
        assertThrows(IllegalStateException.class, keys::encryptionInitiator);
        assertEquals("ChildSaKeys[destroyed]", keys.toString());
        assertArrayEquals(filled(32, 0x44), sharedSecret, "the caller wipes its shared secret itself");
        assertArrayEquals(filled(32, 0x11), skD);
    }
}
