package dev.petrel.esp.lifetime;

/**
 * An SA reached a lifetime limit (RFC 4301 §4.4.2.1). A soft event asks the key management to rekey; after a hard
 * event the SA processes no more packets. Each kind of event is raised at most once per SA. The instances are
 * shared constants, so raising one allocates nothing.
 */
public sealed interface LifetimeEvent {
    LimitKind kind();

    /** Rekey now: the SA still works. */
    record Soft(LimitKind kind) implements LifetimeEvent {}

    /** The SA is used up: delete it; it refuses further packets. */
    record Hard(LimitKind kind) implements LifetimeEvent {}

    static Soft soft(LimitKind kind) {
        return Constants.SOFT[kind.ordinal()];
    }

    static Hard hard(LimitKind kind) {
        return Constants.HARD[kind.ordinal()];
    }

    /** The shared instances, one per kind. */
    final class Constants {
        private static final Soft[] SOFT = new Soft[LimitKind.values().length];
        private static final Hard[] HARD = new Hard[LimitKind.values().length];

        static {
            for (LimitKind k : LimitKind.values()) {
                SOFT[k.ordinal()] = new Soft(k);
                HARD[k.ordinal()] = new Hard(k);
            }
        }

        private Constants() {}
    }
}
