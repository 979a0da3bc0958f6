package dev.petrel.ike.interop;

import static dev.petrel.ike.testing.IkePayloads.AUTH;
import static dev.petrel.ike.testing.IkePayloads.ID_INITIATOR;
import static dev.petrel.ike.testing.IkePayloads.ID_RESPONDER;
import static dev.petrel.ike.testing.IkePayloads.IKE_AUTH;
import static dev.petrel.ike.testing.IkePayloads.IKE_SA_INIT;
import static dev.petrel.ike.testing.IkePayloads.NAT_DETECTION_DESTINATION_IP;
import static dev.petrel.ike.testing.IkePayloads.NONCE;
import static dev.petrel.ike.testing.IkePayloads.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.prf.Prf;
import dev.petrel.ike.auth.SharedKeyAuth;
import dev.petrel.ike.auth.SignedOctets;
import dev.petrel.ike.keys.IkeSaKeys;
import dev.petrel.ike.nat.NatDetection;
import dev.petrel.ike.protect.SkProtection;
import dev.petrel.ike.testing.IkePayloads;
import dev.petrel.ike.testing.IkePayloads.Payload;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.ike.testing.StrongSwanRun;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * strongSwan 5.9's IKE messages opened and authenticated by Petrel: with keys from Petrel's own key schedule
 * ({@link IkeSaKeys}, fed only the nonces and SPIs on the wire and charon's g^ir), {@link SkProtection} opens every
 * SK payload strongSwan sent (IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL, both directions), and the AUTH payloads of
 * IKE_AUTH verify with the harness's PSK through {@link SignedOctets} and {@link SharedKeyAuth} (RFC 7296 §2.15).
 * The NAT_DETECTION_DESTINATION_IP hashes of IKE_SA_INIT match {@link NatDetection} (strongSwan's libipsec fakes the
 * source hashes to force UDP encapsulation, so only the destination hashes are known answers).
 */
class StrongSwanIkeTest {
    private static final String LEFT = "192.0.2.1";
    private static final String RIGHT = "192.0.2.2";
    private static final int IKE_PORT = 500;

    /** The IKE SA as both sides see it. */
    private record Sa(StrongSwanRun run, byte[] initRequest, byte[] initResponse, byte[] ni, byte[] nr, IkeSaKeys keys,
                      SkProtection initiator, SkProtection responder) {
        static Sa of(StrongSwanRun run) {
            byte[] request = run.message(IKE_SA_INIT, false);
            byte[] response = run.message(IKE_SA_INIT, true);
            byte[] ni = find(IkePayloads.payloads(request), NONCE).body();
            byte[] nr = find(IkePayloads.payloads(response), NONCE).body();
            IkeSaKeys k = IkeSaKeys.derive(run.suite(), run.key("g_ir.1"), ni, nr,
                    IkePayloads.spiI(response), IkePayloads.spiR(response));
            return new Sa(run, request, response, ni, nr, k,
                    SkProtection.create(run.suite(), k.skEi(), k.skAi(), k.skEr(), k.skAr(), SeededRandom.of(1)),
                    SkProtection.create(run.suite(), k.skEr(), k.skAr(), k.skEi(), k.skAi(), SeededRandom.of(2)));
        }

        Prf prf() {
            return run.suite().prf();
        }
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void everySkPayloadStrongSwanSentOpens(StrongSwanRun run) throws Exception {
        Sa sa = Sa.of(run);
        List<byte[]> messages = run.protectedMessages();
        assertEquals(8, messages.size(), "IKE_AUTH, CREATE_CHILD_SA and two INFORMATIONAL exchanges");
        for (byte[] message : messages) {
            boolean fromInitiator = (message[19] & 0x08) != 0; // the Initiator flag, RFC 7296 §3.1
            List<Payload> inner = IkePayloads.open(fromInitiator ? sa.responder() : sa.initiator(), message);
            int end = inner.isEmpty() ? 0 : inner.getLast().offset() + inner.getLast().length();
            assertEquals(inner.isEmpty() ? 0 : inner.getLast().data().length, end, "the inner payloads fill the plaintext");
        }
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void initiatorAuthVerifiesWithThePsk(StrongSwanRun run) throws Exception {
        Sa sa = Sa.of(run);
        List<Payload> request = IkePayloads.open(sa.responder(), run.message(IKE_AUTH, false));
        byte[] idi = find(request, ID_INITIATOR).body();
        assertEquals("left.petrel.test", new String(idi, 4, idi.length - 4, StandardCharsets.US_ASCII));
        byte[] octets = SignedOctets.of(sa.initRequest(), sa.nr(), sa.prf(), sa.keys().skPi(), idi);
        assertAuth(sa, find(request, AUTH).body(), octets);
    }

    @ParameterizedTest
    @EnumSource(StrongSwanRun.class)
    void responderAuthVerifiesWithThePsk(StrongSwanRun run) throws Exception {
        Sa sa = Sa.of(run);
        List<Payload> response = IkePayloads.open(sa.initiator(), run.message(IKE_AUTH, true));
        byte[] idr = find(response, ID_RESPONDER).body();
        assertEquals("right.petrel.test", new String(idr, 4, idr.length - 4, StandardCharsets.US_ASCII));
        byte[] octets = SignedOctets.of(sa.initResponse(), sa.ni(), sa.prf(), sa.keys().skPr(), idr);
        assertAuth(sa, find(response, AUTH).body(), octets);
    }

    /** The AUTH payload is Shared Key MIC, verifies with the PSK, is what Petrel computes, and fails with another key. */
    private static void assertAuth(Sa sa, byte[] authBody, byte[] signedOctets) {
        assertEquals(SharedKeyAuth.AUTH_METHOD, authBody[0] & 0xff, "Auth Method");
        byte[] data = Arrays.copyOfRange(authBody, 4, authBody.length);
        byte[] psk = sa.run().psk();
        assertTrue(SharedKeyAuth.verify(sa.prf(), psk, signedOctets, data));
        assertEquals(Arrays.toString(data), Arrays.toString(SharedKeyAuth.compute(sa.prf(), psk, signedOctets)));
        psk[psk.length - 1] ^= 1;
        assertFalse(SharedKeyAuth.verify(sa.prf(), psk, signedOctets, data));
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
