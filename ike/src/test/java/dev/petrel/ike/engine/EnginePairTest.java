package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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

        Pair(IkeConfig leftConfig, IkeConfig rightConfig) {
            left = new IkeEngine(EngineSettings.DEFAULTS, List.of(leftConfig), seeded(1));
            right = new IkeEngine(EngineSettings.DEFAULTS, List.of(rightConfig), seeded(2));
        }

        void fromLeft(List<Action> actions) {
            collect(actions, leftActions);
            run();
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

        <T> List<T> of(List<Action> actions, Class<T> type) {
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
        p.fromLeft(p.left.initiate("petrel", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, T0));
        assertEquals(IkeSaState.ESTABLISHED, p.left.sas().getFirst().state(), () -> p.leftActions.toString());
        assertEquals(IkeSaState.ESTABLISHED, p.right.sas().getFirst().state(), () -> p.rightActions.toString());
        InstallChildSa l = p.of(p.leftActions, InstallChildSa.class).getFirst();
        InstallChildSa r = p.of(p.rightActions, InstallChildSa.class).getFirst();
        assertEquals(l.inboundSpi(), r.outboundSpi());
        assertEquals(l.outboundSpi(), r.inboundSpi());
        assertArrayEquals(l.outboundEncryptionKey(), r.inboundEncryptionKey());
        assertArrayEquals(l.inboundEncryptionKey(), r.outboundEncryptionKey());
        assertArrayEquals(l.outboundIntegrityKey(), r.inboundIntegrityKey());
        assertEquals(l.encryption(), r.encryption());
        assertTrue(l.inbound().spi() == l.inboundSpi());
    }
}
