package dev.petrel.ike.engine;

import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Answers sent without an IKE SA to protect them (RFC 7296 §2.6, §2.21.1, §2.21.4): a single notify, the request's
 * SPIs and message ID copied, back to where the request came from. They create no state, and a token bucket bounds
 * how many go out, so that spoofed requests cannot turn the engine into a reflector.
 */
final class UnprotectedReplies {
    private final int burst;
    private final Duration refill;
    private int tokens;
    private Instant last;

    /** At most {@code burst} answers at once, and one more per {@code refill} after that. */
    UnprotectedReplies(int burst, Duration refill) {
        this.burst = burst;
        this.refill = refill;
        this.tokens = burst;
    }

    /** Sends {@code notify} as the response to {@code request}, if the budget allows; true when sent. */
    boolean answer(Endpoint local, Endpoint remote, IkeHeader request, NotifyPayload notify, Turn turn) {
        if (!take(turn.now)) {
            return false;
        }
        IkeHeader header = new IkeHeader(request.initiatorSpi(), request.responderSpi(), 0, request.exchangeType(),
                false, true, request.messageId(), 0);
        turn.emit(new SendDatagram(local, remote, new IkeMessage(header, List.of(notify)).encode()));
        return true;
    }

    private boolean take(Instant now) {
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
