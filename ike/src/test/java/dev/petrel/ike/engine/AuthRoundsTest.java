package dev.petrel.ike.engine;

import static dev.petrel.ike.engine.TestCertificates.rounds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.CertificateRequestPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IKE_AUTH in several rounds (RFC 4739): the initiator authenticates with its certificate and then with a second
 * identity and key, the responder checks each round and insists on as many as it is configured for; and the
 * authorization hook that may still refuse an authenticated peer.
 */
class AuthRoundsTest {
    private static final Issued CA = TestCertificates.ca("Petrel Rounds CA");
    private static final PreSharedKey SECOND = new PreSharedKey("second-round-key".getBytes(StandardCharsets.US_ASCII));
    private static final Identity USER = Identity.parse("carol@petrel.test");

    @Test
    void aCertificateRoundThenAKeyRoundEstablishTheSa() {
        EnginePairTest.Pair p = new EnginePairTest.Pair(twoLocalRounds(), twoRemoteRounds());
        p.establish();
        long authRequests = p.leftSent().stream().filter(h -> h.exchangeType() == ExchangeType.IKE_AUTH.value()).count();
        assertEquals(2, authRequests, "one IKE_AUTH request per round");
        IkeSaEstablished up = EnginePairTest.Pair.of(p.rightActions, IkeSaEstablished.class).getFirst();
        assertEquals(Identity.parse("left.petrel.test"), up.remoteId());
        assertEquals(1, p.right.sas().getFirst().children().size(), "the child comes with the last round");
    }

    @Test
    void aResponderThatNeedsTwoRoundsRefusesOne() {
        Issued left = TestCertificates.host(CA, "left", KeyType.ECDSA_P256);
        EnginePairTest.Pair p = new EnginePairTest.Pair(TestCertificates.left(left, List.of(), CA), twoRemoteRounds());
        refused(p, "finished after round 1; connection petrel needs 2 (RFC 4739)");
    }

    @Test
    void aWrongKeyInTheSecondRoundIsRefused() {
        IkeConfig base = twoLocalRounds();
        IkeConfig wrong = rounds(base, List.of(base.localRounds().getFirst(), new LocalRound(USER,
                new PreSharedKey("not-the-key".getBytes(StandardCharsets.US_ASCII)))), base.remoteRounds());
        EnginePairTest.Pair p = new EnginePairTest.Pair(wrong, twoRemoteRounds());
        refused(p, "peer carol@petrel.test: the peer's AUTH does not verify with the pre-shared key");
    }

    @Test
    void theAuthorizerHasTheLastWord() {
        EnginePairTest.Pair p = new EnginePairTest.Pair(twoLocalRounds(), twoRemoteRounds());
        p.right.authorizer(peer -> peer.identity().equals(Identity.parse("left.petrel.test"))
                ? "device posture unknown for " + peer.address().getHostAddress() : null);
        refused(p, "authenticated but is not authorized: device posture unknown for 192.0.2.1");
    }

    @Test
    void theCertificatesOrganizationalUnitsAreItsGroups() {
        Issued engineer = CA.issue("CN=left.petrel.test, OU=engineering, O=Petrel Test, C=XX", KeyType.ECDSA_P256,
                TestCertificates.BEFORE, TestCertificates.AFTER, false, "dns:left.petrel.test");
        IkeConfig left = TestCertificates.left(engineer, List.of(), CA);
        IkeConfig right = TestCertificates.right(TestCertificates.host(CA, "right", KeyType.ECDSA_P256), CA);
        List<Set<String>> seen = new java.util.ArrayList<>();
        EnginePairTest.Pair admitted = new EnginePairTest.Pair(left, groups(right, "engineering"));
        admitted.right.authorizer(peer -> {
            seen.add(peer.groups());
            return null;
        });
        admitted.establish();
        assertEquals(List.of(Set.of("engineering")), seen, "the authorizer sees the groups");

        refused(new EnginePairTest.Pair(left, groups(right, "sales")),
                "its groups [engineering] are none that connection petrel admits ([[sales]])");
    }

    private static IkeConfig groups(IkeConfig base, String group) {
        RemoteRound round = base.remoteRounds().getFirst();
        return rounds(base, base.localRounds(), List.of(new RemoteRound(round.id(), round.auth(), null, Set.of(group))));
    }

    @Test
    void aResponderAsksForCertificatesWhenALaterRoundWantsOne() throws Exception {
        IkeConfig right = twoRemoteRounds();
        IkeConfig keyThenCertificate = rounds(right, right.localRounds(), List.of(
                new RemoteRound(IdentityMatcher.parse("*@petrel.test"), SECOND), right.remoteRounds().getFirst()));
        EnginePairTest.Pair p = new EnginePairTest.Pair(twoLocalRounds(), keyThenCertificate);
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        byte[] initResponse = EnginePairTest.Pair.of(p.rightActions, SendDatagram.class).getFirst().message();
        IkeMessage m = IkeMessage.decode(initResponse, 0, initResponse.length);
        assertTrue(m.first(CertificateRequestPayload.class).isPresent(), "CERTREQ for the second round's anchors");
    }

    /** Left: its certificate, then {@link #USER} with {@link #SECOND}. */
    private static IkeConfig twoLocalRounds() {
        Issued left = TestCertificates.host(CA, "left", KeyType.ECDSA_P256);
        IkeConfig base = TestCertificates.left(left, List.of(), CA);
        return rounds(base, List.of(base.localRounds().getFirst(), new LocalRound(USER, SECOND)), base.remoteRounds());
    }

    /** Right: a certificate for the peer's host identity, then {@link #SECOND} for a user of petrel.test. */
    private static IkeConfig twoRemoteRounds() {
        Issued right = TestCertificates.host(CA, "right", KeyType.ECDSA_P256);
        IkeConfig base = TestCertificates.right(right, CA);
        return rounds(base, base.localRounds(), List.of(base.remoteRounds().getFirst(),
                new RemoteRound(IdentityMatcher.parse("*@petrel.test"), SECOND)));
    }

    /** The responder refuses with AUTHENTICATION_FAILED, explained; neither side keeps an SA. */
    private static void refused(EnginePairTest.Pair p, String explanation) {
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        NegotiationFailed responder = EnginePairTest.Pair.of(p.rightActions, NegotiationFailed.class).getFirst();
        assertEquals(Failure.AUTHENTICATION, responder.failure(), responder::toString);
        assertTrue(responder.explanation().contains(explanation), responder.explanation());
        assertTrue(p.right.sas().isEmpty());
        assertTrue(p.left.sas().isEmpty());
    }
}
