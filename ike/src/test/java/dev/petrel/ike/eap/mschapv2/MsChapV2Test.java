package dev.petrel.ike.eap.mschapv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * MS-CHAPv2 against RFC 2759 §9.2's example (user "User", password "clientPass") and MPPE keys against RFC 3079
 * §3.5.3's 128-bit example, which continues it; the MSK in strongSwan's layout.
 */
class MsChapV2Test {
    static final byte[] USER = ascii("User");
    static final byte[] PASSWORD = ascii("clientPass");
    static final byte[] AUTHENTICATOR_CHALLENGE = hex("5B5D7C7D7B3F2F3E3C2C602132262628");
    static final byte[] PEER_CHALLENGE = hex("21402324255E262A28295F2B3A337C7E");
    static final byte[] NT_RESPONSE = hex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    static final String AUTHENTICATOR_RESPONSE = "S=407A5589115FD0D6209F510FE9C04566932CDA56";
    private static final byte[] PASSWORD_HASH = hex("44EBBA8D5312B8D611474411F56989AE");
    private static final byte[] PASSWORD_HASH_HASH = hex("41C00C584BD2D91C4017A2A12FA59F3F");
    private static final byte[] MASTER_KEY = hex("FDECE3717A8C838CB388E527AE3CDD31");
    private static final byte[] SEND_START_KEY_128 = hex("8B7CDC149B993A1BA118CB153F56DCCB");

    @Test
    void rfc2759Example() {
        assertArrayEquals(PASSWORD_HASH, MsChapV2.ntPasswordHash(PASSWORD));
        assertArrayEquals(PASSWORD_HASH_HASH, MsChapV2.hashNtPasswordHash(PASSWORD_HASH));
        assertArrayEquals(hex("D02E4386BCE91226"), MsChapV2.challengeHash(PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE,
                USER));
        assertArrayEquals(NT_RESPONSE, MsChapV2.ntResponse(AUTHENTICATOR_CHALLENGE, PEER_CHALLENGE, USER,
                PASSWORD_HASH));
        assertEquals(AUTHENTICATOR_RESPONSE, MsChapV2.authenticatorResponse(PASSWORD_HASH, NT_RESPONSE,
                PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, USER));
    }

    @Test
    void rfc3079Example() {
        assertArrayEquals(MASTER_KEY, MsChapV2.masterKey(PASSWORD_HASH_HASH, NT_RESPONSE));
        assertArrayEquals(SEND_START_KEY_128, MsChapV2.asymmetricStartKey(MASTER_KEY, true, true),
                "the example's send key is the server's (Magic3)");
        assertArrayEquals(SEND_START_KEY_128, MsChapV2.asymmetricStartKey(MASTER_KEY, false, false),
                "the server's send key is the client's receive key");
    }

    @Test
    void theMskIsTheServersReceiveKeyThenItsSendKeyThenZeros() {
        byte[] msk = MsChapV2.msk(PASSWORD_HASH, NT_RESPONSE);
        assertEquals(64, msk.length);
        assertArrayEquals(MsChapV2.asymmetricStartKey(MASTER_KEY, false, true), Arrays.copyOfRange(msk, 0, 16));
        assertArrayEquals(MsChapV2.asymmetricStartKey(MASTER_KEY, true, false), Arrays.copyOfRange(msk, 0, 16),
                "the server's receive key is the client's send key (Magic2)");
        assertArrayEquals(SEND_START_KEY_128, Arrays.copyOfRange(msk, 16, 32));
        assertArrayEquals(new byte[32], Arrays.copyOfRange(msk, 32, 64));
    }

    @Test
    void theDomainIsLeftOutOfTheChallengeHash() {
        assertArrayEquals(MsChapV2.challengeHash(PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, USER),
                MsChapV2.challengeHash(PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, ascii("EXAMPLE\\User")));
    }

    @Test
    void aNonAsciiPasswordIsHashedAsUtf16() {
        byte[] utf16 = "pässwörd".getBytes(StandardCharsets.UTF_16LE);
        org.bouncycastle.crypto.digests.MD4Digest md4 = new org.bouncycastle.crypto.digests.MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] expected = new byte[16];
        md4.doFinal(expected, 0);
        assertArrayEquals(expected, MsChapV2.ntPasswordHash("pässwörd".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
