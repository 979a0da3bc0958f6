package dev.petrel.ike.engine;

import java.time.Duration;
import java.time.Instant;

/** Bounds how often the engine does something a peer can trigger at will: {@code burst} at once, then one per {@code refill}. */
final class TokenBucket {
    private final int burst;
    private final Duration refill;
    private int tokens;
    private Instant last;

    TokenBucket(int burst, Duration refill) {
        this.burst = burst;
        this.refill = refill;
        this.tokens = burst;
    }

    boolean take(Instant now) {
        if (last == null) {
            last = now;
        }
        long earned = Duration.between(last, now).toNanos() / refill.toNanos();
        if (earned > 0) {
            tokens = (int) Math.min(burst, tokens + earned);
            last = last.plus(refill.multipliedBy(earned));
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }
}
