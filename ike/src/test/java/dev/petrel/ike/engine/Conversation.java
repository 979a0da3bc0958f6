package dev.petrel.ike.engine;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Genuine messages to a responder, recorded once from two engines back to back: what an initiator sends through a
 * whole IKE SA's life (IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, deleting that CHILD_SA, a liveness check, deleting
 * the IKE SA), an IKE_SA_INIT request in the wrong group (answered INVALID_KE_PAYLOAD) and a response sent the
 * wrong way (the responder's own IKE_AUTH response). A fresh {@link #responder} draws the same random octets as
 * the recorded one, so replaying the messages in order walks through the same exchanges.
 */
final class Conversation {
    static final String IKE = "aes128gcm16-prfsha256-x25519";
    static final String ESP = "aes128gcm16";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** A small cap, a short timeout, and cookies only with {@link #COOKIES}. */
    static final EngineSettings SETTINGS = settings(100);
    /** Like {@link #SETTINGS}, but a COOKIE is demanded as soon as one SA is half-open. */
    static final EngineSettings COOKIES = settings(1);
    /** The messages in the order named above, {@link MutationInputs#GENUINE} of them. */
    static final byte[][] GENUINE = record();

    private Conversation() {}

    private static EngineSettings settings(int cookieThreshold) {
        return new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 3, cookieThreshold, Duration.ofSeconds(10),
                Duration.ofMinutes(2));
    }

    /** A fresh responder with the recorded one's configuration and seed. */
    static IkeEngine responder(EngineSettings settings) {
        return new IkeEngine(settings, List.of(Peers.right(IKE, ESP)), EnginePairTest.seeded(2));
    }

    /** {@code message} (not changed) with the initiator's SPI replaced. */
    static byte[] withInitiatorSpi(byte[] message, long spi) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putLong(0, spi);
        return copy;
    }

    private static byte[][] record() {
        EnginePairTest.Pair p = new EnginePairTest.Pair(Peers.left(IKE, ESP), Peers.right(IKE, ESP), SETTINGS);
        p.establish();
        long id = p.left.sas().getFirst().id();
        p.fromLeft(p.left.createChildSa(id, "net", T0));
        int firstChild = p.left.sas().getFirst().children().getFirst().inboundSpi();
        p.fromLeft(p.left.deleteChildSa(id, firstChild, T0));
        p.fromLeft(p.left.checkLiveness(id, T0));
        p.fromLeft(p.left.deleteIkeSa(id, T0));
        List<byte[]> sent = p.of(p.leftActions, SendDatagram.class).stream().map(SendDatagram::message).toList();
        if (sent.size() != 6) {
            throw new IllegalStateException("expected 6 requests from the initiator, got " + sent.size());
        }
        IkeEngine wrongGroup = new IkeEngine(EngineSettings.DEFAULTS,
                List.of(Peers.left("aes128gcm16-prfsha256-ecp256-x25519", ESP)), EnginePairTest.seeded(3));
        byte[] ecp = p.of(wrongGroup.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0), SendDatagram.class)
                .getFirst().message();
        byte[] authResponse = p.of(p.rightActions, SendDatagram.class).get(1).message();
        byte[][] genuine = {sent.get(0), sent.get(1), sent.get(2), sent.get(3), sent.get(4), sent.get(5), ecp, authResponse};
        return genuine;
    }
}
