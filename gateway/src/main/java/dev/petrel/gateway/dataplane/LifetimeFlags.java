package dev.petrel.gateway.dataplane;

import dev.petrel.esp.lifetime.LifetimeEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;

/**
 * The lifetime limits one CHILD_SA's SAs have reached (RFC 4301 §4.4.2.1), raised by the workers as their packets
 * reach them (a few times in an SA's life, without allocating) and taken by the control plane when it polls.
 */
final class LifetimeFlags {
    static final int SOFT = 1;
    static final int HARD = 2;
    private static final IntBinaryOperator OR = (a, b) -> a | b;

    private final AtomicInteger raised = new AtomicInteger();
    /** What {@link #takeNew()} already returned; the polling thread's. */
    private int taken;

    /** A worker's SA reached a limit. */
    void raise(LifetimeEvent event) {
        raised.accumulateAndGet(event instanceof LifetimeEvent.Hard ? HARD | SOFT : SOFT, OR);
    }

    /** {@link #HARD}, {@link #SOFT} or 0: the strongest limit reached since the last call. */
    int takeNew() {
        int now = raised.get();
        int fresh = now & ~taken;
        taken = now;
        return (fresh & HARD) != 0 ? HARD : fresh;
    }
}
