package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.event.MessageDropped.Reason;
import dev.petrel.ike.event.MessageDropped;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.PeerReported;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.ProtocolId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnginePairTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Two engines wired back to back: every datagram one sends is delivered to the other, in order. */
    static final class Pair {
        final IkeEngine left;
        final IkeEngine right;
        final List<Action> leftActions = new ArrayList<>();
        final List<Action> rightActions = new ArrayList<>();
        private final Deque<SendDatagram> wire = new ArrayDeque<>();
        private final String connection;

        Pair(IkeConfig leftConfig, IkeConfig rightConfig) {
            this(leftConfig, rightConfig, EngineSettings.DEFAULTS);
        }

        Pair(IkeConfig leftConfig, IkeConfig rightConfig, EngineSettings rightSettings) {
            this(leftConfig, new IkeEngine(rightSettings, List.of(rightConfig), seeded(2)), 1);
        }

        /** Another initiator, seeded with {@code seed}, for a responder that already serves others. */
        Pair(IkeConfig leftConfig, IkeEngine right, long seed) {
            this.left = new IkeEngine(EngineSettings.DEFAULTS, List.of(leftConfig), seeded(seed));
            this.right = right;
            this.connection = leftConfig.name();
        }

        void fromLeft(List<Action> actions) {
            collect(actions, leftActions);
            run();
        }

        void fromRight(List<Action> actions) {
            collect(actions, rightActions);
            run();
        }

        void establish() {
            fromLeft(left.initiate(connection, "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
            assertEquals(IkeSaState.ESTABLISHED, left.sas().getFirst().state(), leftActions::toString);
            assertEquals(IkeSaState.ESTABLISHED, right.sas().getLast().state(), rightActions::toString);
        }

        /** Datagrams the left side sent, decoded. */
        List<dev.petrel.wire.ike.IkeHeader> leftSent() {
            return of(leftActions, SendDatagram.class).stream().map(d -> {
                try {
                    return dev.petrel.wire.ike.IkeHeader.decode(d.message(), 0, d.message().length);
                } catch (dev.petrel.wire.ike.IkeDecodeException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }

        private void collect(List<Action> actions, List<Action> into) {
            into.addAll(actions);
            actions.stream().filter(a -> a instanceof SendDatagram).forEach(a -> wire.add((SendDatagram) a));
        }

        private void run() {
            for (int i = 0; i < 100 && !wire.isEmpty(); i++) {
                SendDatagram d = wire.poll();
                boolean toRight = d.remote().address().equals(Peers.RIGHT);
                IkeEngine target = toRight ? right : left;
                collect(target.onDatagram(d.remote(), d.local(), d.message(), T0), toRight ? rightActions : leftActions);
            }
        }

        /** The one datagram among {@code actions}. */
        byte[] sent(List<Action> actions) {
            List<SendDatagram> sends = of(actions, SendDatagram.class);
            assertEquals(1, sends.size(), actions::toString);
            return sends.getFirst().message();
        }

        static <T> List<T> of(List<Action> actions, Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Action a : actions) {
                if (type.isInstance(a)) {
                    out.add(type.cast(a));
                } else if (a instanceof Event(var e) && type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
            return out;
        }
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "aes128gcm16-prfsha256-x25519, aes128gcm16",
        "aes256gcm16-prfsha384-ecp384, aes256gcm16",
        "chacha20poly1305-prfsha256-curve25519, chacha20poly1305",
        "aes256-sha256-modp3072, aes128-sha256",
        "aes128gcm16-prfsha256-mlkem768, aes256gcm16-esn",
    })
    void establishesIkeAndChildSaWithEqualKeys(String ike, String esp) {
        Pair p = new Pair(Peers.left(ike, esp), Peers.right(ike, esp));
        p.establish();
        InstallChildSa l = Pair.of(p.leftActions, InstallChildSa.class).getFirst();
        InstallChildSa r = Pair.of(p.rightActions, InstallChildSa.class).getFirst();
        assertEquals(l.inboundSpi(), r.outboundSpi());
        assertEquals(l.outboundSpi(), r.inboundSpi());
        assertArrayEquals(l.outboundEncryptionKey(), r.inboundEncryptionKey());
        assertArrayEquals(l.inboundEncryptionKey(), r.outboundEncryptionKey());
        assertArrayEquals(l.outboundIntegrityKey(), r.inboundIntegrityKey());
        assertEquals(l.encryption(), r.encryption());
        assertTrue(l.inbound().spi() == l.inboundSpi());
    }

    @Test
    void invalidKePayloadRetriesWithTheResponderGroup() {
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519-ecp256", "aes128gcm16"),
                Peers.right("aes128gcm16-prfsha256-ecp256", "aes128gcm16"));
        p.establish();
        assertEquals(KeyExchangeMethod.ECP_256, p.left.sas().getFirst().suite().keyExchange());
        assertEquals(2, p.leftSent().stream().filter(h -> h.exchangeType() == ExchangeType.IKE_SA_INIT.value()).count());
        assertTrue(Pair.of(p.rightActions, NegotiationFailed.class).stream().anyMatch(f -> f.failure() == Failure.KEY_EXCHANGE));
    }

    @Test
    void responderAsksForACookieAboveTheThreshold() {
        EngineSettings cookies = new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 100, 0, Duration.ofSeconds(30), Duration.ofMinutes(2));
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"),
                Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"), cookies);
        p.establish();
        assertEquals(2, p.leftSent().stream().filter(h -> h.exchangeType() == ExchangeType.IKE_SA_INIT.value()).count());
    }

    /** RFC 7296 §2.1-2.2: once IKE_AUTH moved the window, a late IKE_SA_INIT copy is old; it must not start a second SA. */
    @Test
    void aLateCopyOfIkeSaInitAfterIkeAuthIsDropped() {
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"),
                Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"));
        p.establish();
        byte[] init = Pair.of(p.leftActions, SendDatagram.class).getFirst().message();
        List<Action> actions = p.right.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, init, T0);
        assertEquals(List.of(), Pair.of(actions, SendDatagram.class));
        assertEquals(Reason.MESSAGE_ID, Pair.of(actions, MessageDropped.class).getFirst().reason());
        assertEquals(1, p.right.sas().size());
    }

    /**
     * RFC 7296 §2.6 and §1.2: a copy of the COOKIE or INVALID_KE_PAYLOAD answer that restarted IKE_SA_INIT, arriving
     * while the restarted request is in flight, neither restarts it again nor counts against the restart limit.
     */
    @ParameterizedTest
    @CsvSource({"aes128gcm16-prfsha256-x25519, 0", "aes128gcm16-prfsha256-ecp256-x25519, 10"})
    void lateCopiesOfTheAnswerThatRestartedIkeSaInitAreDropped(String leftIke, int cookieThreshold) {
        EngineSettings settings = new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 100, cookieThreshold,
                Duration.ofSeconds(30), Duration.ofMinutes(2));
        Pair p = new Pair(Peers.left(leftIke, "aes128gcm16"), Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"),
                settings);
        byte[] first = p.sent(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        byte[] restart = p.sent(p.right.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, first, T0));
        byte[] second = p.sent(p.left.onDatagram(Peers.LEFT_IKE, Peers.RIGHT_IKE, restart, T0));
        for (int copy = 0; copy < 3; copy++) {
            List<Action> actions = p.left.onDatagram(Peers.LEFT_IKE, Peers.RIGHT_IKE, restart, T0);
            assertEquals(List.of(), Pair.of(actions, SendDatagram.class));
            assertEquals(Reason.MESSAGE_ID, Pair.of(actions, MessageDropped.class).getFirst().reason());
        }
        p.fromRight(p.right.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, second, T0));
        assertEquals(IkeSaState.ESTABLISHED, p.left.sas().getFirst().state(), p.leftActions::toString);
        assertEquals(IkeSaState.ESTABLISHED, p.right.sas().getFirst().state(), p.rightActions::toString);
    }

    @Test
    void noProposalChosenIsExplainedByTransformType() {
        Pair p = new Pair(Peers.left("aes128-sha256-modp3072", "aes128gcm16"),
                Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"));
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(p.right.sas().isEmpty());
        assertEquals(1, p.left.sas().size(), "§2.21.1: an unprotected NO_PROPOSAL_CHOSEN is not trusted at once");
        assertTrue(Pair.of(p.leftActions, NegotiationFailed.class).isEmpty());
        List<Action> later = p.left.onTimer(p.left.nextTimer().orElseThrow());
        assertTrue(p.left.sas().isEmpty(), "no valid answer by the next retransmission: give up");
        assertEquals(Failure.PROPOSAL, Pair.of(later, NegotiationFailed.class).getFirst().failure());
        NegotiationFailed f = Pair.of(p.rightActions, NegotiationFailed.class).getFirst();
        assertEquals(Failure.PROPOSAL, f.failure());
        assertTrue(f.explanation().contains("ENCR: offered [ENCR_AES_CBC-128], we accept [ENCR_AES_GCM_16-128]"), f.explanation());
    }

    @Test
    void wrongPreSharedKeyFailsAuthentication() {
        IkeConfig right = Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16");
        IkeConfig wrong = new IkeConfig(right.name(), right.localAddress(), right.remoteAddress(), right.proposals(),
                right.localId(), right.localAuth(), right.remoteId(),
                new PreSharedKey("another-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), right.children(), false);
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"), wrong);
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(p.right.sas().isEmpty());
        assertTrue(p.left.sas().isEmpty());
        assertEquals(Failure.AUTHENTICATION, Pair.of(p.rightActions, NegotiationFailed.class).getFirst().failure());
        assertEquals(Failure.AUTHENTICATION, Pair.of(p.leftActions, NegotiationFailed.class).getFirst().failure());
    }

    @Test
    void secondChildWithPfsThenDeletesFromEitherSide() {
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16-x25519"),
                Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16-x25519"));
        p.establish();
        long id = p.left.sas().getFirst().id();
        p.fromLeft(p.left.createChildSa(id, "net", T0));
        List<InstallChildSa> l = Pair.of(p.leftActions, InstallChildSa.class);
        List<InstallChildSa> r = Pair.of(p.rightActions, InstallChildSa.class);
        assertEquals(2, l.size());
        assertEquals(2, r.size());
        assertArrayEquals(l.get(1).outboundEncryptionKey(), r.get(1).inboundEncryptionKey());
        assertEquals(l.get(1).inboundSpi(), r.get(1).outboundSpi());
        p.fromLeft(p.left.deleteChildSa(id, l.get(0).inboundSpi(), T0));
        assertEquals(1, p.left.sas().getFirst().children().size());
        assertEquals(1, p.right.sas().getFirst().children().size());
        long rightId = p.right.sas().getFirst().id();
        p.fromRight(p.right.deleteIkeSa(rightId, T0));
        assertTrue(p.left.sas().isEmpty());
        assertTrue(p.right.sas().isEmpty());
        assertEquals(2, Pair.of(p.leftActions, RemoveChildSa.class).size());
    }

    @Test
    void retransmitsThenGivesUp() {
        IkeEngine lonely = new IkeEngine(EngineSettings.DEFAULTS, List.of(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16")), seeded(3));
        lonely.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0);
        int sent = 0;
        Instant now = T0;
        for (int i = 0; i < 20 && lonely.nextTimer().isPresent(); i++) {
            now = lonely.nextTimer().get();
            sent += (int) lonely.onTimer(now).stream().filter(a -> a instanceof SendDatagram).count();
        }
        assertEquals(EngineSettings.DEFAULTS.retransmitTries(), sent);
        assertTrue(lonely.sas().isEmpty());
        // 4 s, then ×1.8 each time: 4 + 7.2 + 12.96 + 23.33 + 41.99 + 75.58 s until it gives up.
        assertEquals(165, Duration.between(T0, now).toSeconds());
    }

    /**
     * RFC 7296 §2.4: INITIAL_CONTACT goes only in the first IKE_AUTH to a peer. A second IKE SA from the same initiator
     * does not clear the first on the responder (the initiator settles the duplicate itself); an initiator that
     * restarted (a fresh engine) sends it again and the responder drops what it held.
     */
    @Test
    void initialContactOnlyFromAnInitiatorWithoutAnIkeSaToThePeer() {
        String ike = "aes128gcm16-prfsha256-x25519";
        Pair p = new Pair(Peers.left(ike, "aes128gcm16"), Peers.right(ike, "aes128gcm16"));
        p.establish();
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(Pair.of(p.rightActions, Event.class).stream().noneMatch(e -> e.event() instanceof IkeSaDeleted d
                && d.reason().startsWith("INITIAL_CONTACT")), "a second IKE SA from the same initiator carries no INITIAL_CONTACT");
        // the duplicate is settled: its initiator deletes the one whose IKE_SA_INIT holds the lowest nonce
        assertEquals(1, p.left.sas().size());
        assertEquals(1, p.right.sas().size());

        IkeEngine restarted = new IkeEngine(EngineSettings.DEFAULTS, List.of(Peers.left(ike, "aes128gcm16")), seeded(9));
        List<Action> toRight = restarted.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0);
        for (int i = 0; i < 4 && !toRight.isEmpty(); i++) {
            List<Action> toLeft = new ArrayList<>();
            for (SendDatagram d : Pair.of(toRight, SendDatagram.class)) {
                toLeft.addAll(p.right.onDatagram(d.remote(), d.local(), d.message(), T0));
            }
            toRight = new ArrayList<>();
            for (SendDatagram d : Pair.of(toLeft, SendDatagram.class)) {
                toRight.addAll(restarted.onDatagram(d.remote(), d.local(), d.message(), T0));
            }
        }
        assertEquals(IkeSaState.ESTABLISHED, restarted.sas().getFirst().state());
        assertEquals(1, p.right.sas().size(), "the restarted initiator's INITIAL_CONTACT clears the stale IKE SA");
    }

    /** An AH CHILD_SA (RFC 4302): negotiated with protocol AH, installed with integrity keys only, deleted as AH. */
    @Test
    void ahChildSaWithIntegrityKeysOnly() {
        String ike = "aes128gcm16-prfsha256-x25519";
        Pair p = new Pair(withAh(Peers.left(ike, "aes128gcm16")), withAh(Peers.right(ike, "aes128gcm16")));
        p.establish();
        InstallChildSa l = Pair.of(p.leftActions, InstallChildSa.class).getFirst();
        InstallChildSa r = Pair.of(p.rightActions, InstallChildSa.class).getFirst();
        assertEquals(ProtocolId.AH, l.protocol());
        assertEquals(EncryptionAlgorithm.ENCR_NULL, l.encryption());
        assertEquals(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, l.integrity());
        assertEquals(0, l.outboundEncryptionKey().length);
        assertArrayEquals(l.outboundIntegrityKey(), r.inboundIntegrityKey());
        assertArrayEquals(l.inboundIntegrityKey(), r.outboundIntegrityKey());
        assertEquals(ProtocolId.AH, p.left.sas().getFirst().children().getFirst().protocol());
        p.fromLeft(p.left.deleteChildSa(p.left.sas().getFirst().id(), l.inboundSpi(), T0));
        assertEquals(ProtocolId.AH, Pair.of(p.rightActions, RemoveChildSa.class).getFirst().protocol());
        assertTrue(p.right.sas().getFirst().children().isEmpty());
    }

    private static IkeConfig withAh(IkeConfig c) {
        ChildConfig esp = c.children().getFirst();
        ChildConfig ah = new ChildConfig(esp.name(), esp.localTs(), esp.remoteTs(),
                ProposalParser.parseList("sha256", ProtocolId.AH), esp.mode(), esp.replayWindow());
        return new IkeConfig(c.name(), c.localAddress(), c.remoteAddress(), c.proposals(), c.localId(), c.localAuth(),
                c.remoteId(), c.remoteAuth(), List.of(ah), c.forceEncapsulation());
    }

    @Test
    void initiatorThatCannotVerifyTheResponderTellsItAndBothForget() {
        IkeConfig right = Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16");
        IkeConfig signsWrong = new IkeConfig(right.name(), right.localAddress(), right.remoteAddress(), right.proposals(),
                right.localId(), new PreSharedKey("another-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                right.remoteId(), right.remoteAuth(), right.children(), false);
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"), signsWrong);
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertTrue(p.left.sas().isEmpty());
        assertTrue(p.right.sas().isEmpty(), "the responder deletes its SA on the initiator's AUTHENTICATION_FAILED");
        assertTrue(Pair.of(p.rightActions, NegotiationFailed.class).stream()
                .anyMatch(f -> f.failure() == Failure.AUTHENTICATION && f.explanation().contains("our AUTH")));
        assertTrue(Pair.of(p.leftActions, InstallChildSa.class).isEmpty(), "nothing is installed before the check");
        assertEquals(1, Pair.of(p.rightActions, RemoveChildSa.class).size(), "the responder removes the CHILD_SA it installed");
    }

    @Test
    void requestsForUnknownSpisGetARateLimitedInvalidIkeSpi() {
        IkeEngine engine = new IkeEngine(EngineSettings.DEFAULTS, List.of(Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16")), seeded(4));
        IkeHeader request = new IkeHeader(0x1122334455667788L, 0x0102030405060708L, 0, ExchangeType.INFORMATIONAL.value(),
                true, false, 7, 0);
        byte[] datagram = new IkeMessage(request, List.of()).encode();
        int answers = 0;
        for (int i = 0; i < 100; i++) {
            for (Action a : engine.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, datagram, T0)) {
                if (a instanceof SendDatagram d) {
                    answers++;
                    IkeMessage m = decode(d.message());
                    assertEquals(request.initiatorSpi(), m.header().initiatorSpi());
                    assertEquals(7, m.header().messageId());
                    assertTrue(m.header().response());
                    assertTrue(m.notify(NotifyType.INVALID_IKE_SPI).isPresent());
                }
            }
        }
        assertEquals(20, answers, "a burst of 20, then nothing at the same instant");
        assertEquals(1, engine.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, datagram, T0.plusSeconds(1)).stream()
                .filter(a -> a instanceof SendDatagram).count());
        IkeHeader response = new IkeHeader(1, 2, 0, ExchangeType.INFORMATIONAL.value(), true, true, 7, 0);
        assertTrue(engine.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, new IkeMessage(response, List.of()).encode(),
                T0.plusSeconds(2)).stream().noneMatch(a -> a instanceof SendDatagram), "§2.21.4: a response is never answered");
        assertTrue(engine.sas().isEmpty());
    }

    @Test
    void invalidSpiIsReportedInsideTheIkeSaAndNamedOnTheOtherSide() {
        Pair p = new Pair(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"),
                Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"));
        p.establish();
        int ours = Pair.of(p.leftActions, InstallChildSa.class).getFirst().outboundSpi();
        p.fromRight(p.right.reportInvalidSpi(Peers.LEFT, ours, T0));
        p.fromRight(p.right.reportInvalidSpi(Peers.LEFT, 0x12345678, T0));
        List<PeerReported> reports = Pair.of(p.leftActions, PeerReported.class);
        assertEquals(2, reports.size());
        assertTrue(reports.get(0).detail().contains("our outbound SA of CHILD_SA net"), reports.get(0)::toString);
        assertTrue(reports.get(1).detail().contains("none of ours"), reports.get(1)::toString);
        assertEquals(1, p.left.sas().getFirst().children().size(), "a report alone deletes nothing");
    }

    @Test
    void aNewerMajorVersionIsAnsweredInVersionTwo() {
        IkeEngine engine = new IkeEngine(EngineSettings.DEFAULTS, List.of(Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16")), seeded(5));
        byte[] v3 = new IkeMessage(new IkeHeader(42, 0, 0, ExchangeType.IKE_SA_INIT.value(), true, false, 0, 0), List.of()).encode();
        v3[17] = 0x30;
        List<SendDatagram> sent = Pair.of(engine.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, v3, T0), SendDatagram.class);
        assertEquals(1, sent.size());
        IkeMessage answer = decode(sent.getFirst().message());
        assertEquals(42, answer.header().initiatorSpi());
        assertTrue(answer.notify(NotifyType.INVALID_MAJOR_VERSION).isPresent());
        assertTrue(engine.sas().isEmpty());
        v3[19] |= 0x20;
        assertTrue(engine.onDatagram(Peers.RIGHT_IKE, Peers.LEFT_IKE, v3, T0).stream().noneMatch(a -> a instanceof SendDatagram),
                "a response of another version is only dropped");
    }

    @Test
    void transportModeIsAgreedOnlyWhenBothAskForIt() {
        IkeConfig left = transport(Peers.left("aes128gcm16-prfsha256-x25519", "aes128gcm16"), Mode.TRANSPORT);
        for (Mode responder : Mode.values()) {
            Pair p = new Pair(left, transport(Peers.right("aes128gcm16-prfsha256-x25519", "aes128gcm16"), responder));
            p.establish();
            assertEquals(responder, Pair.of(p.leftActions, InstallChildSa.class).getFirst().mode());
            assertEquals(responder, Pair.of(p.rightActions, InstallChildSa.class).getFirst().mode(),
                    "RFC 7296 §1.3.1: USE_TRANSPORT_MODE is answered only when the responder agrees");
        }
    }

    private static IkeConfig transport(IkeConfig c, Mode mode) {
        ChildConfig child = c.children().getFirst();
        return new IkeConfig(c.name(), c.localAddress(), c.remoteAddress(), c.proposals(), c.localId(), c.localAuth(),
                c.remoteId(), c.remoteAuth(), List.of(new ChildConfig(child.name(), child.localTs(), child.remoteTs(),
                        child.proposals(), mode, child.replayWindow())), c.forceEncapsulation());
    }

    private static IkeMessage decode(byte[] b) {
        try {
            return IkeMessage.decode(b, 0, b.length);
        } catch (IkeDecodeException e) {
            throw new AssertionError(e);
        }
    }
}
