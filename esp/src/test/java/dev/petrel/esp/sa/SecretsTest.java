package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.testkit.vectors.Hex;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Keys are taken over and wiped, and never appear in toString or exception messages. */
class SecretsTest {
    @Test
    void keyArraysAreWipedAndNeverShown() {
        SaParameters p = SaPair.parameters(Suite.cbcSha256(), Mode.TUNNEL, true, false).build();
        byte[] encryption = Hex.decode("00112233445566778899aabbccddeeff");
        byte[] integrity = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
        String encHex = HexFormat.of().formatHex(encryption);
        String intHex = HexFormat.of().formatHex(integrity);
        OutboundSa sa = new OutboundSa(p, encryption, integrity);
        assertArrayEquals(new byte[16], encryption);
        assertArrayEquals(new byte[32], integrity);
        String shown = sa.toString() + sa.parameters();
        assertFalse(shown.toLowerCase().contains(encHex) || shown.toLowerCase().contains(intHex));
        assertTrue(shown.contains("0x1234abcd"));
        sa.destroy();
        assertTrue(sa.isDestroyed());
        assertTrue(sa.toString().contains("destroyed"));
    }

    @Test
    void wrongKeyLengthsAreRefusedWithoutShowingKeysAndStillWiped() {
        SaParameters p = SaPair.parameters(Suite.gcm16(), Mode.TUNNEL, false, false).build();
        byte[] tooShort = Hex.decode("deadbeefdeadbeefdeadbeef");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InboundSa(p, tooShort, new byte[0]));
        assertFalse(e.getMessage().contains("deadbeef"));
        assertArrayEquals(new byte[12], tooShort);
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SaPair.parameters(Suite.gcm16(), Mode.TUNNEL, false, false).spi(255).build());
        assertThrows(IllegalArgumentException.class, () -> SaPair.parameters(Suite.gcm16(), Mode.TUNNEL, false, false)
                .integrity(dev.petrel.wire.iana.IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128).build());
        assertThrows(IllegalArgumentException.class, () -> SaPair.parameters(Suite.cbcSha256(), Mode.TUNNEL, false, false)
                .integrity(dev.petrel.wire.iana.IntegrityAlgorithm.NONE).build());
        assertThrows(IllegalArgumentException.class, () -> SaPair.parameters(Suite.gcm16(), Mode.TUNNEL, false, false)
                .addresses(SaPair.inet("192.0.2.1"), SaPair.inet("2001:db8::1")).build());
        SaParameters ah = SaPair.parameters(Suite.cbcSha256(), Mode.TRANSPORT, false, false).protocol(SecurityProtocol.AH)
                .encryption(dev.petrel.wire.iana.EncryptionAlgorithm.ENCR_NULL, 0).build();
        assertThrows(IllegalArgumentException.class, () -> new InboundSa(ah, new byte[0], new byte[32]), "AH is processed elsewhere");
    }
}
