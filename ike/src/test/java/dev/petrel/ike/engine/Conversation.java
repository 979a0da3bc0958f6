package dev.petrel.ike.engine;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.pool.AddressPools;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Genuine messages to a responder, recorded once from two engines back to back: what an initiator sends through a
 * whole IKE SA's life, up to deleting the IKE SA, and the responses the responder sent. A fresh {@link #responder}
 * draws the same random octets as the recorded one, so replaying the messages in order walks through the same
 * exchanges and gets the same responses, octet for octet.
 */
final class Conversation {
    static final String IKE = "aes128gcm16-prfsha256-x25519";
    static final String ESP = "aes128gcm16";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** A small cap, a short timeout, and cookies only with {@link #COOKIES}. */
    static final EngineSettings SETTINGS = settings(100);
    /** Like {@link #SETTINGS}, but a COOKIE is demanded as soon as one SA is half-open. */
    static final EngineSettings COOKIES = settings(1);
    /**
     * Gateways with a pre-shared key: IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, deleting that CHILD_SA, a liveness
     * check, deleting the IKE SA; then an IKE_SA_INIT request in the wrong group (answered INVALID_KE_PAYLOAD) and a
     * response sent the wrong way (the responder's IKE_AUTH response).
     */
    static final Conversation PSK = psk();
    /**
     * Remote access ({@link RemoteAccessTest}): a client that authenticates by EAP-MSCHAPv2, asked for its EAP
     * identity, to a gateway that proves itself with an ECDSA certificate and leases it a virtual IP from its pool
     * (RFC 7296 §2.16, §2.19): IKE_SA_INIT, the IKE_AUTH requests (IDi with the CP and CHILD_SA requests, then the
     * EAP-Identity, MSCHAPv2 Response and Success acknowledgement, then AUTH keyed with the MSK), deleting the IKE
     * SA; then a response sent the wrong way (the gateway's first IKE_AUTH response, with its EAP-Identity request).
     */
    static final Conversation EAP = eap();

    /** The messages in the order named above, {@link MutationInputs#GENUINE} of them. */
    final byte[][] genuine;
    /** How many of the first {@link #genuine} messages establish the IKE SA. */
    final int establishing;
    /** The recorded responder's response to each of the initiator's requests, in order. */
    final List<byte[]> responses;
    private final IkeConfig config;
    private final Supplier<AddressPools> pools;

    /**
     * Records a conversation between an initiator with {@code initiator} and a {@link #responder} with
     * {@code responder} and the pools {@code pools} makes: IKE SA establishment, then {@code life} (requests on the
     * IKE SA given by its id), then its deletion. {@code others} follow the initiator's requests in {@link #genuine},
     * and the responder's IKE_AUTH response ends it.
     */
    private Conversation(IkeConfig initiator, IkeConfig responder, Supplier<AddressPools> pools,
            BiConsumer<EnginePairTest.Pair, Long> life, List<byte[]> others) {
        this.config = responder;
        this.pools = pools;
        EnginePairTest.Pair p = new EnginePairTest.Pair(initiator, responder(SETTINGS), 1);
        p.establish();
        establishing = sent(p.leftActions).size();
        long id = p.left.sas().getFirst().id();
        life.accept(p, id);
        p.fromLeft(p.left.deleteIkeSa(id, T0));
        List<byte[]> requests = sent(p.leftActions);
        responses = sent(p.rightActions);
        if (responses.size() != requests.size() || requests.size() + others.size() + 1 != MutationInputs.GENUINE) {
            throw new IllegalStateException("recorded " + requests.size() + " requests and " + responses.size()
                    + " responses; with " + others.size() + " other messages that is not "
                    + MutationInputs.GENUINE + " genuine messages");
        }
        List<byte[]> all = new ArrayList<>(requests);
        all.addAll(others);
        all.add(responses.get(1));
        genuine = all.toArray(byte[][]::new);
    }

    private static EngineSettings settings(int cookieThreshold) {
        return new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 3, cookieThreshold, Duration.ofSeconds(10),
                Duration.ofMinutes(2));
    }

    /** A fresh responder with the recorded one's configuration, seed and (empty) pools. */
    IkeEngine responder(EngineSettings settings) {
        IkeEngine engine = new IkeEngine(settings, List.of(config), EnginePairTest.seeded(2));
        engine.pools(pools.get());
        return engine;
    }

    /** {@code message} (not changed) with the initiator's SPI replaced. */
    static byte[] withInitiatorSpi(byte[] message, long spi) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putLong(0, spi);
        return copy;
    }

    private static Conversation psk() {
        IkeEngine wrongGroup = new IkeEngine(EngineSettings.DEFAULTS,
                List.of(Peers.left("aes128gcm16-prfsha256-ecp256-x25519", ESP)), EnginePairTest.seeded(3));
        byte[] ecp = sent(wrongGroup.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0)).getFirst();
        return new Conversation(Peers.left(IKE, ESP), Peers.right(IKE, ESP), () -> new AddressPools(List.of()), (p, id) -> {
            p.fromLeft(p.left.createChildSa(id, "net", T0));
            int firstChild = p.left.sas().getFirst().children().getFirst().inboundSpi();
            p.fromLeft(p.left.deleteChildSa(id, firstChild, T0));
            p.fromLeft(p.left.checkLiveness(id, T0));
        }, List.of(ecp));
    }

    private static Conversation eap() {
        return new Conversation(RemoteAccessTest.client("carol@petrel.test", EapType.MSCHAP_V2, RemoteAccessTest.PASSWORD),
                RemoteAccessTest.gateway(EapType.MSCHAP_V2), RemoteAccessTest::pools, (p, id) -> { }, List.of());
    }

    private static List<byte[]> sent(List<Action> actions) {
        return EnginePairTest.Pair.of(actions, SendDatagram.class).stream().map(SendDatagram::message).toList();
    }
}
