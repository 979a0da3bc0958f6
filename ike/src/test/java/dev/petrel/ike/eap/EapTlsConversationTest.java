package dev.petrel.ike.eap;

import static dev.petrel.ike.eap.TlsFixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.tls.EapTlsPeer;
import dev.petrel.ike.eap.tls.EapTlsServer;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.pki.KeyType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EAP-TLS between the server and the peer on the JDK's TLS: ECDSA and RSA certificates sent with an intermediate,
 * TLS 1.3 (the default) and TLS 1.2 (with the extended master secret), both sides deriving the same MSK; fragmented
 * flights; refused chains and identities.
 */
class EapTlsConversationTest {
    private static final int MAX_EAP_TLS_TYPE_DATA = 1 + 4 + 1000;

    static Stream<Arguments> pkisAndVersions() {
        return Stream.of(TlsFixtures.ECDSA, TlsFixtures.RSA).flatMap(pki -> Stream.of(List.of("TLSv1.3", "TLSv1.2"),
                List.of("TLSv1.2")).map(versions -> Arguments.of(pki, versions)));
    }

    private static EapServer server(TlsFixtures pki, CertificateAuth own, TrustAnchors anchors, List<String> versions) {
        EapPolicy policy = new EapPolicy(EapType.TLS, true, Users.ALICE_AND_BOB, own, anchors);
        var random = SeededRandom.of(3);
        return new ServerConversation(policy, "vpn-client", random,
                identity -> new EapTlsServer(identity, own, anchors, random, versions));
    }

    private static EapPeer peer(String identity, CertificateAuth own, TrustAnchors anchors, List<String> versions) {
        var random = SeededRandom.of(4);
        return new PeerConversation(identity, List.of(EapType.TLS), type -> new EapTlsPeer(own, anchors, random,
                versions));
    }

    @ParameterizedTest
    @MethodSource("pkisAndVersions")
    void bothSidesDeriveTheSameMsk(TlsFixtures pki, List<String> versions) {
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), versions),
                peer(ALICE, pki.clientAuth(), pki.anchors(), versions));
        byte[] msk = c.serverSuccess().msk();
        assertEquals(64, msk.length);
        assertArrayEquals(msk, c.peerSuccess().msk());
        assertEquals(ALICE, c.serverSuccess().identity());
        assertEquals(ALICE, c.peerSuccess().identity());
        byte[] last = Packets.decode(c.responses().getLast()).typeData();
        if (versions.contains("TLSv1.3")) {
            assertTrue(last.length > 1, "with TLS 1.3 the peer's Finished ends the method, as strongSwan 5.9's server "
                    + "has it: no protected success indication, no acknowledgement");
        } else {
            assertArrayEquals(new byte[] {0}, last, "the peer acknowledges the server's last TLS 1.2 flight with an "
                    + "empty EAP-TLS response");
        }
    }

    @ParameterizedTest
    @MethodSource("pkisAndVersions")
    void flightsAreFragmentedAndEachFragmentIsAcknowledged(TlsFixtures pki, List<String> versions) {
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), versions),
                peer(ALICE, pki.clientAuth(), pki.anchors(), versions));
        List<byte[]> tls = Stream.concat(c.requests().stream(), c.responses().stream()).map(Packets::decode)
                .filter(p -> p.type() == EapType.TLS.value()).map(EapPacket::typeData).toList();
        assertTrue(tls.stream().allMatch(t -> t.length <= MAX_EAP_TLS_TYPE_DATA));
        assertTrue(fragmented(c.requests()), "the server's certificate flight needs more than one message");
        assertTrue(fragmented(c.responses()), "the peer's certificate flight needs more than one message");
    }

    private static boolean fragmented(List<byte[]> messages) {
        return messages.stream().map(Packets::decode).filter(p -> p.type() == EapType.TLS.value())
                .anyMatch(p -> (p.typeData()[0] & 0xc0) == 0xc0);
    }

    @Test
    void theApiRunsEapTlsWithTheIkeIdentityAndGivesTheServersCertificate() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        EapServer server = Eap.server(new EapPolicy(EapType.TLS, false, Users.ALICE_AND_BOB, pki.serverAuth(),
                pki.anchors()), ALICE, SeededRandom.of(5));
        EapPeer peer = Eap.peer(new EapCredentials(null, null, null, pki.clientAuth(), pki.anchors()), ALICE,
                SeededRandom.of(6));
        Conversation c = Conversation.run(server, peer);
        assertEquals(ALICE, c.serverSuccess().identity());
        assertArrayEquals(c.serverSuccess().msk(), c.peerSuccess().msk());
        assertEquals(pki.server().certificate(), peer.serverCertificate());
    }

    @Test
    void theServerRefusesAClientCertificateFromAnotherCa() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), List.of("TLSv1.3")),
                peer(ALICE, pki.auth(pki.strangersClient()), pki.anchors(), List.of("TLSv1.3")));
        String reason = c.serverFailure().reason();
        assertTrue(reason.startsWith("EAP-TLS: the peer's certificate C=XX, O=Petrel Test, CN=Alice does not chain to "
                + "a trust anchor of the connection"), reason);
        assertTrue(reason.contains("Stranger"), reason);
        assertTrue(c.peerFailure().reason().startsWith("the server sent EAP-Failure during EAP-TLS"));
    }

    @Test
    void theServerRefusesACertificateThatDoesNotNameTheEapIdentity() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), List.of("TLSv1.3")),
                peer("bob@petrel.test", pki.clientAuth(), pki.anchors(), List.of("TLSv1.3")));
        assertEquals("EAP-TLS: the peer's EAP identity 'bob@petrel.test' is not in its certificate (subject C=XX, "
                + "O=Petrel Test, CN=Alice, subjectAltNames [email:alice@petrel.test])", c.serverFailure().reason());
    }

    @Test
    void thePeerRefusesAServerCertificateFromAnotherCa() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), List.of("TLSv1.3")),
                peer(ALICE, pki.clientAuth(), pki.strangerAnchors(), List.of("TLSv1.3")));
        assertTrue(c.peerFailure().reason().startsWith("EAP-TLS: the peer's certificate C=XX, O=Petrel Test, "
                + "CN=vpn.petrel.test does not chain"), c.peerFailure().reason());
        assertInstanceOf(EapStep.Send.class, c.server());
    }

    @Test
    void certificatesAreCheckedAtTheConversationsTimeNotTheWallClocks() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        var future = TlsFixtures.alice(pki.intermediate(), KeyType.ECDSA_P256, Conversation.NOW.plus(Duration.ofDays(1)));
        Conversation c = Conversation.run(server(pki, pki.serverAuth(), pki.anchors(), List.of("TLSv1.3")),
                peer(ALICE, pki.auth(future), pki.anchors(), List.of("TLSv1.3")));
        assertTrue(c.serverFailure().reason().contains("is not valid before 2026-01-02T00:00:00Z (now "
                + "2026-01-01T00:00:00Z)"), c.serverFailure().reason());
    }

    @Test
    void thePeerRefusesSuccessInTheMiddleOfTheHandshake() {
        TlsFixtures pki = TlsFixtures.ECDSA;
        EapServer server = server(pki, pki.serverAuth(), pki.anchors(), List.of("TLSv1.3"));
        EapPeer peer = peer(ALICE, pki.clientAuth(), pki.anchors(), List.of("TLSv1.3"));
        byte[] identity = ((EapStep.Send) peer.receive(((EapStep.Send) server.start()).message(), Conversation.NOW))
                .message();
        EapPacket start = Packets.decode(((EapStep.Send) server.receive(identity, Conversation.NOW)).message());
        EapPacket hello = Packets.decode(((EapStep.Send) peer.receive(start.encode(), Conversation.NOW)).message());
        EapStep step = peer.receive(EapPacket.success(hello.identifier()).encode(), Conversation.NOW);
        assertEquals("the server sent EAP-Success before EAP-TLS finished (in the TLS handshake) (RFC 3748 §4.2)",
                assertInstanceOf(EapStep.Failure.class, step).reason());
        assertEquals(null, peer.serverCertificate());
    }
}
