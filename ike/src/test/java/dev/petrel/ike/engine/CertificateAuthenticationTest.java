package dev.petrel.ike.engine;

import static dev.petrel.ike.engine.TestCertificates.AFTER;
import static dev.petrel.ike.engine.TestCertificates.BEFORE;
import static dev.petrel.ike.engine.TestCertificates.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.CertificateRequestPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyType;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines authenticating with X.509 certificates (RFC 7296 §2.15, RFC 7427): every key type on both sides,
 * intermediates, and each check that refuses a peer (its chain, its dates, its identity in the certificate), with
 * the explanation either side reports.
 */
class CertificateAuthenticationTest {
    private static final Issued CA = TestCertificates.ca("Petrel Test CA");

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void bothSidesAuthenticateWithTheirKeyType(KeyType type) {
        Issued left = TestCertificates.host(CA, "left", type);
        Issued right = TestCertificates.host(CA, "right", type);
        EnginePairTest.Pair p = new EnginePairTest.Pair(TestCertificates.left(left, List.of(), CA),
                TestCertificates.right(right, CA));
        p.establish();
        IkeSaEstablished up = EnginePairTest.Pair.of(p.leftActions, IkeSaEstablished.class).getFirst();
        assertEquals(Identity.parse("right.petrel.test"), up.remoteId());
        assertEquals(1, p.left.sas().getFirst().children().size());
    }

    @Test
    void rsaPssOnOneSidePkcs1OnTheOther() {
        Issued left = TestCertificates.host(CA, "left", KeyType.RSA_2048);
        IkeConfig pss = TestCertificates.with(TestCertificates.left(left, List.of(), CA), Identity.parse("left.petrel.test"),
                new CertificateAuth(left.certificate(), List.of(), left.privateKey(),
                        SignatureScheme.preferredFor(left.privateKey(), true)), TestCertificates.trust(CA));
        EnginePairTest.Pair p = new EnginePairTest.Pair(pss,
                TestCertificates.right(TestCertificates.host(CA, "right", KeyType.RSA_3072), CA));
        p.establish();
    }

    @Test
    void anIntermediateTravelsInACertPayloadAndCompletesTheChain() {
        Issued intermediate = CA.issue("CN=Petrel Intermediate, O=Petrel Test, C=XX", KeyType.ECDSA_P384, BEFORE, AFTER, true);
        Issued left = TestCertificates.host(intermediate, "left", KeyType.ECDSA_P256);
        Issued right = TestCertificates.host(CA, "right", KeyType.ECDSA_P256);
        new EnginePairTest.Pair(TestCertificates.left(left, List.of(intermediate), CA), TestCertificates.right(right, CA))
                .establish();

        EnginePairTest.Pair without = new EnginePairTest.Pair(TestCertificates.left(left, List.of(), CA),
                TestCertificates.right(right, CA));
        refused(without, "the peer's certificate C=XX, O=Petrel Test, CN=left.petrel.test does not chain to a trust "
                + "anchor of the connection: it is issued by C=XX, O=Petrel Test, CN=Petrel Intermediate, and the anchors "
                + "are [C=XX, O=Petrel Test, CN=Petrel Test CA]");
    }

    @Test
    void aCertificateFromAnUnknownCaIsRefused() {
        Issued stranger = TestCertificates.ca("Stranger CA");
        EnginePairTest.Pair p = new EnginePairTest.Pair(
                TestCertificates.left(TestCertificates.host(stranger, "left", KeyType.ECDSA_P256), List.of(), CA),
                TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA));
        refused(p, "does not chain to a trust anchor of the connection: it is issued by C=XX, O=Petrel Test, "
                + "CN=Stranger CA");
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefused() {
        Issued expired = TestCertificates.host(CA, "left", KeyType.ECDSA_P256, BEFORE, T0.minus(Duration.ofDays(1)));
        refused(new EnginePairTest.Pair(TestCertificates.left(expired, List.of(), CA),
                TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA)),
                "the peer's certificate C=XX, O=Petrel Test, CN=left.petrel.test expired on 2025-12-31T00:00:00Z "
                        + "(now 2026-01-01T00:00:00Z)");
        Issued early = TestCertificates.host(CA, "left", KeyType.ECDSA_P256, T0.plus(Duration.ofDays(1)), AFTER);
        refused(new EnginePairTest.Pair(TestCertificates.left(early, List.of(), CA),
                TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA)),
                "is not valid before 2026-01-02T00:00:00Z");
    }

    @Test
    void anIdentityThatIsNotInTheCertificateIsRefused() {
        Issued left = TestCertificates.host(CA, "left", KeyType.ECDSA_P256);
        IkeConfig claimsMallory = TestCertificates.with(TestCertificates.left(left, List.of(), CA),
                Identity.parse("mallory.petrel.test"), TestCertificates.auth(left, List.of()), TestCertificates.trust(CA));
        IkeConfig right = TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA);
        IkeConfig acceptsAnyone = new IkeConfig(right.name(), right.localAddress(), right.remoteAddress(),
                right.proposals(), right.localId(), right.localAuth(), new IdentityMatcher.Any(), right.remoteAuth(),
                right.children(), false);
        refused(new EnginePairTest.Pair(claimsMallory, acceptsAnyone), "the peer's identity mallory.petrel.test is not in "
                + "its certificate (subject C=XX, O=Petrel Test, CN=left.petrel.test, subjectAltNames [dns:left.petrel.test]; "
                + "RFC 4945 §3.1)");
    }

    @Test
    void theInitiatorChecksTheRespondersCertificateAndTellsIt() {
        Issued stranger = TestCertificates.ca("Stranger CA");
        EnginePairTest.Pair p = new EnginePairTest.Pair(
                TestCertificates.left(TestCertificates.host(CA, "left", KeyType.ECDSA_P256), List.of(), CA),
                TestCertificates.right(TestCertificates.host(stranger, "right", KeyType.ECDSA_P256), CA));
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(p.left.sas().isEmpty());
        assertTrue(p.right.sas().isEmpty(), "the responder deletes its SA on the initiator's AUTHENTICATION_FAILED");
        NegotiationFailed f = EnginePairTest.Pair.of(p.leftActions, NegotiationFailed.class).getFirst();
        assertEquals(Failure.AUTHENTICATION, f.failure());
        assertTrue(f.explanation().contains("CN=right.petrel.test does not chain to a trust anchor"), f.explanation());
    }

    /**
     * IKE_SA_INIT of a connection with certificates: both sides announce SHA-256/384/512 and IDENTITY (RFC 7427 §4,
     * RFC 8420) and the responder asks for a certificate by the SHA-1 of the CA's SubjectPublicKeyInfo (RFC 7296 §3.7);
     * with a pre-shared key, neither.
     */
    @Test
    void ikeSaInitAnnouncesHashesAndRequestsCertificates() throws Exception {
        EnginePairTest.Pair p = new EnginePairTest.Pair(
                TestCertificates.left(TestCertificates.host(CA, "left", KeyType.ECDSA_P256), List.of(), CA),
                TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA));
        p.establish();
        IkeMessage request = initMessages(p.leftActions).getFirst();
        IkeMessage response = initMessages(p.rightActions).getFirst();
        for (IkeMessage m : List.of(request, response)) {
            assertEquals("0002000300040005", HexFormat.of().formatHex(
                    m.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS).orElseThrow().data()));
        }
        CertificateRequestPayload certreq = response.first(CertificateRequestPayload.class).orElseThrow();
        assertEquals(4, certreq.encoding());
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(CA.certificate().getPublicKey().getEncoded()),
                certreq.data());
        assertTrue(request.first(CertificateRequestPayload.class).isEmpty(), "the initiator asks in IKE_AUTH");

        EnginePairTest.Pair psk = new EnginePairTest.Pair(Peers.left(TestCertificates.IKE, TestCertificates.ESP),
                Peers.right(TestCertificates.IKE, TestCertificates.ESP));
        psk.establish();
        for (IkeMessage m : Stream.concat(initMessages(psk.leftActions).stream(), initMessages(psk.rightActions).stream()).toList()) {
            assertTrue(m.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS).isEmpty());
            assertTrue(m.first(CertificateRequestPayload.class).isEmpty());
        }
    }

    /**
     * swanctl's send_cert and send_certreq (strongSwan's defaults ifasked and yes): with ifasked the initiator sends
     * its certificate only after the responder's CERTREQ, with never not at all, with always regardless; without it
     * the responder refuses.
     */
    @ParameterizedTest(name = "initiator send_cert = {0}, responder send_certreq = {1}")
    @CsvSource({"IFASKED, true, true", "IFASKED, false, false", "ALWAYS, false, true", "NEVER, true, false"})
    void sendCertAndSendCertreq(CertificatePolicy.SendCert initiatorSends, boolean responderAsks, boolean established) {
        IkeConfig left = TestCertificates.with(TestCertificates.left(TestCertificates.host(CA, "left", KeyType.ECDSA_P256),
                List.of(), CA), new CertificatePolicy(initiatorSends, true));
        IkeConfig right = TestCertificates.with(TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256),
                CA), new CertificatePolicy(CertificatePolicy.SendCert.IFASKED, responderAsks));
        EnginePairTest.Pair p = new EnginePairTest.Pair(left, right);
        if (established) {
            p.establish();
        } else {
            refused(p, "the peer sent no certificate (CERT payload), though the connection authenticates it by certificate");
        }
    }

    /** The responder refuses the initiator, which learns it from AUTHENTICATION_FAILED; neither keeps an SA. */
    private static void refused(EnginePairTest.Pair p, String explanation) {
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(p.right.sas().isEmpty());
        assertTrue(p.left.sas().isEmpty());
        NegotiationFailed responder = EnginePairTest.Pair.of(p.rightActions, NegotiationFailed.class).getFirst();
        assertEquals(Failure.AUTHENTICATION, responder.failure());
        assertTrue(responder.explanation().contains(explanation), responder.explanation());
        NegotiationFailed initiator = EnginePairTest.Pair.of(p.leftActions, NegotiationFailed.class).getFirst();
        assertEquals("the responder answered AUTHENTICATION_FAILED", initiator.explanation());
        assertFalse(p.rightActions.stream().anyMatch(a -> a instanceof InstallChildSa));
    }

    private static List<IkeMessage> initMessages(List<Action> actions) throws IkeDecodeException {
        List<IkeMessage> out = new java.util.ArrayList<>();
        for (SendDatagram d : EnginePairTest.Pair.of(actions, SendDatagram.class)) {
            IkeMessage m = IkeMessage.decode(d.message(), 0, d.message().length);
            if (m.header().exchangeType() == ExchangeType.IKE_SA_INIT.value()) {
                out.add(m);
            }
        }
        return out;
    }
}
