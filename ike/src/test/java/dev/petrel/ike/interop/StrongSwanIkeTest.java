package dev.petrel.ike.interop;

import static dev.petrel.ike.testing.IkePayloads.AUTH;
import static dev.petrel.ike.testing.IkePayloads.ID_INITIATOR;
import static dev.petrel.ike.testing.IkePayloads.ID_RESPONDER;
import static dev.petrel.ike.testing.IkePayloads.IKE_AUTH;
import static dev.petrel.ike.testing.IkePayloads.IKE_SA_INIT;
import static dev.petrel.ike.testing.IkePayloads.NAT_DETECTION_DESTINATION_IP;
import static dev.petrel.ike.testing.IkePayloads.find;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.prf.Prf;
import dev.petrel.ike.auth.SharedKeyAuth;
import dev.petrel.ike.auth.SignedOctets;
import dev.petrel.ike.nat.NatDetection;
import dev.petrel.ike.protect.SkProtectionException;
import dev.petrel.ike.testing.IkePayloads;
import dev.petrel.ike.testing.IkePayloads.Payload;
import dev.petrel.ike.testing.KeyedSa;
import dev.petrel.ike.testing.StrongSwanRun;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * strongSwan 5.9's IKE messages opened and authenticated by Petrel: with keys from Petrel's own key schedule
 * ({@link KeyedSa}: IkeSaKeys fed only the nonces and SPIs on the wire and charon's g^ir), SkProtection opens every
 * SK payload strongSwan sent (IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL, both directions, on the first IKE SA and on
 * the one that replaced it), and the AUTH payloads of
 * IKE_AUTH verify with the harness's PSK through {@link SignedOctets} and {@link SharedKeyAuth} (RFC 7296 §2.15).
 * The NAT_DETECTION_DESTINATION_IP hashes of IKE_SA_INIT match {@link NatDetection} (strongSwan's libipsec fakes the
 * source hashes to force UDP encapsulation, so only the destination hashes are known answers).
 */
class StrongSwanIkeTest {
    private static final String LEFT = "192.0.2.1";
    private static final String RIGHT = "192.0.2.2";
    private static final int IKE_PORT = 500;

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void everySkPayloadStrongSwanSentOpens(StrongSwanRun run) throws Exception {
        KeyedSa first = run.firstSa();
        KeyedSa rekeyed = run.rekeyedSa();
        List<byte[]> messages = run.protectedMessages();
        assertEquals(8, messages.size(), "IKE_AUTH, CREATE_CHILD_SA and two INFORMATIONAL exchanges");
        for (byte[] message : messages) {
            KeyedSa sa = first.carries(message) ? first : rekeyed;
            assertTrue(sa.carries(message), "a message of the first or the rekeyed IKE SA");
            List<Payload> inner = IkePayloads.open(sa.receiverOf(message), message);
            int end = inner.isEmpty() ? 0 : inner.getLast().offset() + inner.getLast().length();
            assertEquals(inner.isEmpty() ? 0 : inner.getLast().data().length, end, "the inner payloads fill the plaintext");
        }
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void initiatorAuthVerifiesWithThePsk(StrongSwanRun run) throws Exception {
        assertAuth(run, false, "left.petrel.test");
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void responderAuthVerifiesWithThePsk(StrongSwanRun run) throws Exception {
        assertAuth(run, true, "right.petrel.test");
    }

    /**
     * The AUTH payload of the IKE_AUTH request or response is Shared Key MIC over the sender's signed octets (its own
     * IKE_SA_INIT message, the other side's nonce, its SK_p over its ID), verifies with the PSK, is what Petrel
     * computes, and fails with another key.
     */
    private static void assertAuth(StrongSwanRun run, boolean response, String identity) throws SkProtectionException {
        KeyedSa sa = run.firstSa();
        List<Payload> payloads = IkePayloads.open(response ? sa.initiator() : sa.responder(), run.message(IKE_AUTH, response));
        byte[] id = find(payloads, response ? ID_RESPONDER : ID_INITIATOR).body();
        assertEquals(identity, new String(id, 4, id.length - 4, StandardCharsets.US_ASCII));
        Prf prf = run.suite().prf();
        byte[] signedOctets = SignedOctets.of(run.message(IKE_SA_INIT, response), response ? sa.ni() : sa.nr(), prf,
                response ? sa.keys().skPr() : sa.keys().skPi(), id);

        byte[] authBody = find(payloads, AUTH).body();
        assertEquals(SharedKeyAuth.AUTH_METHOD, authBody[0] & 0xff, "Auth Method");
        byte[] data = Arrays.copyOfRange(authBody, 4, authBody.length);
        byte[] psk = run.psk();
        assertTrue(SharedKeyAuth.verify(prf, psk, signedOctets, data));
        assertArrayEquals(data, SharedKeyAuth.compute(prf, psk, signedOctets));
        psk[psk.length - 1] ^= 1;
        assertFalse(SharedKeyAuth.verify(prf, psk, signedOctets, data));
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void natDetectionDestinationHashesMatch(StrongSwanRun run) throws Exception {
        byte[] request = run.message(IKE_SA_INIT, false);
        byte[] response = run.message(IKE_SA_INIT, true);
        long spiI = IkePayloads.spiI(response);
        long spiR = IkePayloads.spiR(response);
        byte[] toRight = single(IkePayloads.notifyData(IkePayloads.payloads(request), NAT_DETECTION_DESTINATION_IP));
        byte[] toLeft = single(IkePayloads.notifyData(IkePayloads.payloads(response), NAT_DETECTION_DESTINATION_IP));
        assertTrue(NatDetection.matches(toRight, spiI, 0, InetAddress.getByName(RIGHT), IKE_PORT), "request: SPIr zero");
        assertTrue(NatDetection.matches(toLeft, spiI, spiR, InetAddress.getByName(LEFT), IKE_PORT));
        assertFalse(NatDetection.matches(toLeft, spiI, spiR, InetAddress.getByName(LEFT), 4500));
    }

    private static byte[] single(List<byte[]> data) {
        assertEquals(1, data.size());
        return data.getFirst();
    }
}
