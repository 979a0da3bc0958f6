package dev.petrel.ike.eap;

import static dev.petrel.ike.eap.Users.ALICE_AND_BOB;
import static dev.petrel.ike.eap.Users.password;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.testing.SeededRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Server and peer talk EAP-MD5 and EAP-MSCHAPv2, with and without EAP-Identity, and refuse what they should. */
class EapConversationTest {
    private static EapServer server(EapType method, boolean askIdentity, String peerIkeIdentity) {
        return Eap.server(new EapPolicy(method, askIdentity, ALICE_AND_BOB, null, null), peerIkeIdentity,
                SeededRandom.of(1));
    }

    private static EapPeer peer(EapType method, String identity, String secret) {
        return Eap.peer(new EapCredentials(method, identity, password(secret), null, null), "ike-id@petrel.test",
                SeededRandom.of(2));
    }

    @ParameterizedTest
    @EnumSource(value = EapType.class, names = {"MD5_CHALLENGE", "MSCHAP_V2"})
    void theRightPasswordAuthenticatesWithTheAskedIdentity(EapType method) {
        Conversation c = Conversation.run(server(method, true, "ignored"), peer(null, "alice", "wonderland"));
        assertEquals("alice", c.serverSuccess().identity());
        assertEquals("alice", c.peerSuccess().identity());
        assertArrayEquals(EapPacket.success(Packets.decode(c.responses().getLast()).identifier()).encode(),
                c.serverSuccess().message(), "EAP-Success carries the last response's Identifier (RFC 3748 §4.2)");
        assertNull(c.peerSuccess().message());
        assertEquals(EapType.IDENTITY.value(), Packets.decode(c.requests().getFirst()).type());
    }

    @ParameterizedTest
    @EnumSource(value = EapType.class, names = {"MD5_CHALLENGE", "MSCHAP_V2"})
    void withoutEapIdentityThePeersIkeIdentityIsItsEapIdentity(EapType method) {
        Conversation c = Conversation.run(server(method, false, "bob"), peer(method, "bob", "builder"));
        assertEquals("bob", c.serverSuccess().identity());
        assertEquals(method.value(), Packets.decode(c.requests().getFirst()).type());
    }

    @Test
    void thePeerAnswersEapIdentityWithItsIkeIdentityWhenItHasNoEapIdentity() {
        EapPeer peer = Eap.peer(new EapCredentials(null, null, password("x"), null, null), "carol@petrel.test",
                SeededRandom.of(2));
        EapStep step = peer.receive(EapPacket.request(7, EapType.IDENTITY, new byte[0]).encode(), Conversation.NOW);
        EapPacket response = Packets.decode(assertInstanceOf(EapStep.Send.class, step).message());
        assertEquals(new EapPacket(EapCode.RESPONSE, 7, 1, password("carol@petrel.test")), response);
    }

    @Test
    void md5DerivesNoMsk() {
        Conversation c = Conversation.run(server(EapType.MD5_CHALLENGE, true, "x"), peer(null, "alice", "wonderland"));
        assertNull(c.serverSuccess().msk());
        assertNull(c.peerSuccess().msk());
    }

    @Test
    void msChapV2DerivesTheSameMskOnBothSides() {
        Conversation c = Conversation.run(server(EapType.MSCHAP_V2, true, "x"), peer(null, "alice", "wonderland"));
        byte[] msk = c.serverSuccess().msk();
        assertArrayEquals(msk, c.peerSuccess().msk());
        assertEquals(64, msk.length);
        assertArrayEquals(new byte[32], Arrays.copyOfRange(msk, 32, 64), "strongSwan pads the MSK with zeros");
        assertTrue(Arrays.stream(new int[] {0, 16}).allMatch(i -> !Arrays.equals(new byte[16],
                Arrays.copyOfRange(msk, i, i + 16))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "mallory"})
    void md5RefusesAWrongPasswordAndAnUnknownUser(String user) {
        Conversation c = Conversation.run(server(EapType.MD5_CHALLENGE, true, "x"), peer(null, user, "guess"));
        assertEquals(user.equals("alice") ? "EAP-MD5: wrong password for 'alice'" : "EAP-MD5: unknown user 'mallory'",
                c.serverFailure().reason());
        assertEquals(EapCode.FAILURE, Packets.decode(c.serverFailure().message()).code());
        assertTrue(c.peerFailure().reason().startsWith("the server sent EAP-Failure during EAP-MD5"),
                c.peerFailure().reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "mallory"})
    void msChapV2RefusesWithAFailureRequestThePeerAcknowledges(String user) {
        Conversation c = Conversation.run(server(EapType.MSCHAP_V2, true, "x"), peer(null, user, "guess"));
        assertEquals((user.equals("alice") ? "EAP-MSCHAPv2: wrong password for 'alice'"
                : "EAP-MSCHAPv2: unknown user 'mallory'") + "; the peer acknowledged our Failure (E=691)",
                c.serverFailure().reason());
        byte[] failureRequest = Packets.decode(c.requests().get(c.requests().size() - 2)).typeData();
        String text = new String(failureRequest, 4, failureRequest.length - 4, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.matches("E=691 R=0 C=[0-9A-F]{32} V=3 M=Authentication failed"), text);
        assertArrayEquals(new byte[] {4}, Packets.decode(c.responses().getLast()).typeData());
        assertEquals("the server sent EAP-Failure during EAP-MSCHAPv2 (the server's MS-CHAPv2 Failure said E=691, "
                + "authentication failure, \"Authentication failed\")", c.peerFailure().reason());
    }

    @Test
    void aPeerInsistingOnAnotherMethodNaksAndTheServerFails() {
        Conversation c = Conversation.run(server(EapType.MSCHAP_V2, true, "x"),
                peer(EapType.MD5_CHALLENGE, "alice", "wonderland"));
        EapPacket nak = Packets.decode(c.responses().getLast());
        assertEquals(EapType.NAK.value(), nak.type());
        assertArrayEquals(new byte[] {4}, nak.typeData());
        assertEquals("the peer will not do EAP-MSCHAPv2, the configured method: its Nak asks for [EAP-MD5]",
                c.serverFailure().reason());
        assertEquals("the server sent EAP-Failure", c.peerFailure().reason());
    }

    @Test
    void aPeerFreeToChooseNaksAMethodItCannotServeNamingThoseItCan() {
        EapPeer peer = peer(null, "alice", "wonderland");
        EapStep step = peer.receive(EapPacket.request(9, EapType.TLS, new byte[] {0x20}).encode(), Conversation.NOW);
        EapPacket nak = Packets.decode(assertInstanceOf(EapStep.Send.class, step).message());
        assertEquals(new EapPacket(EapCode.RESPONSE, 9, 3, new byte[] {26, 4}), nak);
    }

    @Test
    void aPeerFreeToChooseTakesTheServersMethod() {
        Conversation c = Conversation.run(server(EapType.MD5_CHALLENGE, false, "alice"), peer(null, null, "wonderland"));
        assertEquals("alice", c.serverSuccess().identity());
    }

    @Test
    void anExpandedRequestGetsAnExpandedNak() {
        byte[] expanded = {0, 0, (byte) 0x9f, 0, 0, 0, 1}; // vendor 159, vendor type 1
        EapStep step = peer(EapType.MSCHAP_V2, "alice", "w").receive(new EapPacket(EapCode.REQUEST, 3,
                EapPacket.EXPANDED, expanded).encode(), Conversation.NOW);
        EapPacket nak = Packets.decode(assertInstanceOf(EapStep.Send.class, step).message());
        assertEquals(new EapPacket(EapCode.RESPONSE, 3, 254, new byte[] {0, 0, 0, 0, 0, 0, 3, (byte) 254, 0, 0, 0, 0,
                0, 0, 26}), nak);
    }

    @Test
    void aNakNamingTheConfiguredMethodStartsItOverOnce() {
        EapServer server = server(EapType.MSCHAP_V2, false, "alice");
        EapPacket challenge = Packets.decode(((EapStep.Send) server.start()).message());
        byte[] nak = EapPacket.response(challenge.identifier(), EapType.NAK.value(), new byte[] {26}).encode();
        EapPacket again = Packets.decode(assertInstanceOf(EapStep.Send.class,
                server.receive(nak, Conversation.NOW)).message());
        assertEquals(EapType.MSCHAP_V2.value(), again.type());
        assertEquals((challenge.identifier() + 1) & 0xff, again.identifier());
        byte[] nakAgain = EapPacket.response(again.identifier(), EapType.NAK.value(), new byte[] {26}).encode();
        assertEquals("the peer Nak'd EAP-MSCHAPv2 twice while asking for it",
                assertInstanceOf(EapStep.Failure.class, server.receive(nakAgain, Conversation.NOW)).reason());
    }

    @Test
    void theServerRefusesAResponseWithAnotherIdentifier() {
        EapServer server = server(EapType.MD5_CHALLENGE, true, "x");
        EapPacket request = Packets.decode(((EapStep.Send) server.start()).message());
        int wrong = (request.identifier() + 5) & 0xff;
        EapStep step = server.receive(EapPacket.response(wrong, 1, password("alice")).encode(), Conversation.NOW);
        assertEquals("the EAP Response has Identifier " + wrong + ", the outstanding request " + request.identifier()
                + " (RFC 3748 §4.1)", assertInstanceOf(EapStep.Failure.class, step).reason());
    }

    @Test
    void thePeerRefusesSuccessBeforeMsChapV2ProvedTheServer() {
        EapServer server = server(EapType.MSCHAP_V2, false, "alice");
        EapPeer peer = peer(null, "alice", "wonderland");
        byte[] challenge = ((EapStep.Send) server.start()).message();
        EapPacket response = Packets.decode(((EapStep.Send) peer.receive(challenge, Conversation.NOW))
                .message());
        EapStep step = peer.receive(EapPacket.success(response.identifier()).encode(), Conversation.NOW);
        assertEquals("the server sent EAP-Success before EAP-MSCHAPv2 finished (our Response is unanswered) "
                + "(RFC 3748 §4.2)", assertInstanceOf(EapStep.Failure.class, step).reason());
    }

    @Test
    void thePeerRefusesSuccessBeforeAnyMethod() {
        EapStep step = peer(null, "alice", "w").receive(EapPacket.success(0).encode(), Conversation.NOW);
        assertEquals("the server sent EAP-Success before any method ran (RFC 3748 §4.2)",
                assertInstanceOf(EapStep.Failure.class, step).reason());
    }

    @Test
    void aRepeatedRequestGetsTheSameResponse() {
        EapServer server = server(EapType.MSCHAP_V2, false, "alice");
        EapPeer peer = peer(null, "alice", "wonderland");
        byte[] challenge = ((EapStep.Send) server.start()).message();
        byte[] first = ((EapStep.Send) peer.receive(challenge, Conversation.NOW)).message();
        byte[] second = ((EapStep.Send) peer.receive(challenge, Conversation.NOW)).message();
        assertArrayEquals(first, second);
        assertInstanceOf(EapStep.Send.class, server.receive(second, Conversation.NOW));
    }

    @Test
    void aNotificationIsAcknowledgedAndShownInTheFailure() {
        EapPeer peer = peer(null, "alice", "wonderland");
        EapStep ack = peer.receive(EapPacket.request(1, EapType.NOTIFICATION, password("account\u0001locked"))
                .encode(), Conversation.NOW);
        assertEquals(new EapPacket(EapCode.RESPONSE, 1, 2, new byte[0]),
                Packets.decode(assertInstanceOf(EapStep.Send.class, ack).message()));
        EapStep failure = peer.receive(EapPacket.failure(1).encode(), Conversation.NOW);
        assertEquals("the server sent EAP-Failure; its last EAP-Notification said \"account\\x01locked\"",
                assertInstanceOf(EapStep.Failure.class, failure).reason());
    }

    @Test
    void nothingIsTakenAfterTheEnd() {
        Conversation c = Conversation.run(server(EapType.MD5_CHALLENGE, true, "x"), peer(null, "alice", "wonderland"));
        EapPeer peer = peer(null, "alice", "wonderland");
        peer.receive(c.requests().getFirst(), Conversation.NOW);
        peer.receive(EapPacket.failure(0).encode(), Conversation.NOW);
        assertEquals("an EAP message arrived after the conversation ended", assertInstanceOf(EapStep.Failure.class,
                peer.receive(c.requests().getFirst(), Conversation.NOW)).reason());
    }

    @Test
    void credentialsThatCannotServeTheInsistedMethodAreRefused() {
        EapCredentials noCertificate = new EapCredentials(EapType.TLS, null, password("x"), null, null);
        assertEquals("EAP-TLS needs our certificate and the trust anchors of the server's certificate in the EAP "
                + "credentials", assertThrows(IllegalArgumentException.class,
                () -> Eap.peer(noCertificate, "me", SeededRandom.of(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Eap.server(new EapPolicy(EapType.NAK, false, ALICE_AND_BOB,
                null, null), "x", SeededRandom.of(1)));
    }
}
