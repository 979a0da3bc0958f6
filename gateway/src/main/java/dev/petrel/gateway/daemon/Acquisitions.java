package dev.petrel.gateway.daemon;

import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trap policy's acquire (RFC 4301 §5.1) asks of the engine: the CHILD_SA by CREATE_CHILD_SA on an established
 * IKE SA of its connection, else a new IKE SA with it; nothing while an IKE SA of the connection is being set up, while
 * a negotiation started for the child is under way, or while the child is up (the acquire raced its installation).
 * Runs on the IKE loop thread.
 */
final class Acquisitions {
    /** How long a negotiation started for an acquire keeps further acquires of its child away, unless it ends sooner. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** What to do about one acquire. */
    sealed interface Decision {
        /** A new IKE SA of the connection, with the child in IKE_AUTH. */
        record Initiate() implements Decision {}

        /** The child by CREATE_CHILD_SA on this established IKE SA. */
        record CreateChild(long ikeSaId) implements Decision {}

        /** Nothing now. */
        record Wait(String why) implements Decision {}
    }

    private record Key(String connection, String child) {}

    private final Map<Key, Instant> underWay = new HashMap<>();

    /** Decides on an acquire of {@code child} of {@code connection}, given the engine's IKE SAs, and notes what it starts. */
    Decision decide(List<IkeSaView> sas, String connection, String child, Instant now) {
        Key key = new Key(connection, child);
        Instant until = underWay.get(key);
        if (until != null && now.isBefore(until)) {
            return new Decision.Wait("a negotiation of " + child + " is under way");
        }
        List<IkeSaView> ours = sas.stream().filter(sa -> connection.equals(sa.connection())).toList();
        if (ours.stream().anyMatch(sa -> sa.state() == IkeSaState.CONNECTING)) {
            return new Decision.Wait("an IKE SA of " + connection + " is being set up");
        }
        List<IkeSaView> established = ours.stream().filter(sa -> sa.state() == IkeSaState.ESTABLISHED).toList();
        for (IkeSaView sa : established) {
            for (ChildSa c : sa.children()) {
                if (c.name().equals(child) && !sa.retiring().contains(c.inboundSpi())) {
                    return new Decision.Wait(child + " is up");
                }
            }
        }
        underWay.put(key, now.plus(PATIENCE));
        return established.isEmpty() ? new Decision.Initiate() : new Decision.CreateChild(established.getFirst().id());
    }

    /** {@code child} of {@code connection} was installed: a later acquire of it (once it is gone) may act at once. */
    void installed(String connection, String child) {
        underWay.remove(new Key(connection, child));
    }

    /** A negotiation of {@code connection} failed, or one of its IKE SAs went: its children may be acquired again. */
    void ended(String connection) {
        underWay.keySet().removeIf(key -> key.connection().equals(connection));
    }
}
