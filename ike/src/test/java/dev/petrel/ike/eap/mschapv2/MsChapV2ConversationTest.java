package dev.petrel.ike.eap.mschapv2;

import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.AUTHENTICATOR_CHALLENGE;
import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.AUTHENTICATOR_RESPONSE;
import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.NT_RESPONSE;
import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.PASSWORD;
import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.PEER_CHALLENGE;
import static dev.petrel.ike.eap.mschapv2.MsChapV2Test.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.eap.MethodResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The EAP-MSCHAPv2 methods run RFC 2759 §9.2's example: the server's challenge and the peer's are the example's, so
 * the NT-Response and the authenticator response on the wire must be the example's; and a server that does not know
 * the password cannot pass the peer's check.
 */
class MsChapV2ConversationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Randomness that gives {@code bytes} for a 16-octet request, as the methods ask for their challenges. */
    private static SecureRandom giving(byte[] bytes) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(out.length == 16 ? bytes : new byte[out.length], 0, out, 0, out.length);
            }
        };
    }

    @Test
    void theWireCarriesTheRfc2759Example() {
        MsChapV2Server server = new MsChapV2Server(user -> user.equals("User") ? PASSWORD.clone() : null,
                giving(AUTHENTICATOR_CHALLENGE));
        MsChapV2Peer peer = new MsChapV2Peer("User", PASSWORD.clone(), giving(PEER_CHALLENGE));
        byte[] challenge = server.start(42);
        assertArrayEquals(concat(new byte[] {1, 42, 0, 27, 16}, AUTHENTICATOR_CHALLENGE, ascii("petrel")), challenge);

        byte[] response = continued(peer.receive(challenge, 42, NOW));
        assertArrayEquals(concat(new byte[] {2, 42, 0, 58, 49}, PEER_CHALLENGE, new byte[8], NT_RESPONSE,
                new byte[] {0}, ascii("User")), response);

        byte[] success = continued(server.receive(response, 43, NOW));
        assertEquals(AUTHENTICATOR_RESPONSE + " M=Welcome to Petrel",
                new String(success, 4, success.length - 4, StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {3}, continued(peer.receive(success, 43, NOW)));
        assertTrue(peer.finished());

        MethodResult.Authenticated done = assertInstanceOf(MethodResult.Authenticated.class,
                server.receive(new byte[] {3}, 44, NOW));
        assertEquals("User", done.identity());
        assertArrayEquals(MsChapV2.msk(MsChapV2.ntPasswordHash(PASSWORD), NT_RESPONSE), done.msk());
        assertArrayEquals(done.msk(), peer.msk());
    }

    @Test
    void thePeerTakesAStrongSwanSuccessWithItsTrailingNul() {
        MsChapV2Peer peer = new MsChapV2Peer("User", PASSWORD.clone(), giving(PEER_CHALLENGE));
        peer.receive(concat(new byte[] {1, 7, 0, 31, 16}, AUTHENTICATOR_CHALLENGE, ascii("strongSwan")), 7, NOW);
        byte[] text = concat(ascii(AUTHENTICATOR_RESPONSE.toLowerCase().replace("s=", "S=") + " M=Welcome2strongSwan"),
                new byte[1]);
        byte[] success = concat(new byte[] {3, 7, 0, (byte) (4 + text.length)}, text);
        assertArrayEquals(new byte[] {3}, continued(peer.receive(success, 8, NOW)));
    }

    @Test
    void thePeerRefusesAServerThatDoesNotKnowThePassword() {
        MsChapV2Peer peer = new MsChapV2Peer("User", PASSWORD.clone(), giving(PEER_CHALLENGE));
        peer.receive(concat(new byte[] {1, 7, 0, 27, 16}, AUTHENTICATOR_CHALLENGE, ascii("petrel")), 7, NOW);
        byte[] forged = MsChapV2.authenticatorResponse(MsChapV2.ntPasswordHash(ascii("guess")), NT_RESPONSE,
                PEER_CHALLENGE, AUTHENTICATOR_CHALLENGE, ascii("User")).getBytes(StandardCharsets.US_ASCII);
        MethodResult result = peer.receive(concat(new byte[] {3, 7, 0, (byte) (4 + forged.length)}, forged), 8, NOW);
        assertEquals("EAP-MSCHAPv2: the server's authenticator response is wrong: it does not know our password "
                + "(RFC 2759 §5)", assertInstanceOf(MethodResult.Failed.class, result).reason());
        assertEquals(null, peer.msk());
    }

    @Test
    void theServerKnowsWhyItRefusedWhileItsFailureIsUnacknowledged() {
        MsChapV2Server server = new MsChapV2Server(user -> user.equals("User") ? ascii("not the password") : null,
                giving(AUTHENTICATOR_CHALLENGE));
        MsChapV2Peer peer = new MsChapV2Peer("User", PASSWORD.clone(), giving(PEER_CHALLENGE));
        byte[] response = continued(peer.receive(server.start(42), 42, NOW));
        assertEquals(Optional.empty(), server.refusal(), "nothing refused before the Response");
        byte[] failure = continued(server.receive(response, 43, NOW));
        assertEquals(MsChapV2Packet.FAILURE, failure[0]);
        assertEquals(Optional.of("EAP-MSCHAPv2: wrong password for 'User'"), server.refusal(),
                "what an IKE responder reports when the peer abandons IKE_AUTH instead of acknowledging");
    }

    @Test
    void msLengthMustBeTheTypeDataLength() {
        MsChapV2Peer peer = new MsChapV2Peer("User", PASSWORD.clone(), giving(PEER_CHALLENGE));
        byte[] challenge = concat(new byte[] {1, 7, 0, 28, 16}, AUTHENTICATOR_CHALLENGE, ascii("petrel"));
        assertEquals("EAP-MSCHAPv2: MS-Length 28 is not the EAP Length less 5, 27",
                assertInstanceOf(MethodResult.Failed.class, peer.receive(challenge, 7, NOW)).reason());
    }

    private static byte[] continued(MethodResult result) {
        return assertInstanceOf(MethodResult.Continue.class, result).typeData();
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }
}
