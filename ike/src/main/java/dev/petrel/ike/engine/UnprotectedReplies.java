package dev.petrel.ike.engine;

import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import java.time.Duration;
import java.util.List;

/**
 * Answers sent without an IKE SA to protect them (RFC 7296 §2.6, §2.21.1, §2.21.4): a single notify, the request's
 * SPIs and message ID copied, back to where the request came from. They create no state, and a token bucket bounds
 * how many go out, so that spoofed requests cannot turn the engine into a reflector.
 */
final class UnprotectedReplies {
    private final TokenBucket budget;

    /** At most {@code burst} answers at once, and one more per {@code refill} after that. */
    UnprotectedReplies(int burst, Duration refill) {
        this.budget = new TokenBucket(burst, refill);
    }

    /** Sends {@code notify} as the response to {@code request}, if the budget allows; true when sent. */
    boolean answer(Endpoint local, Endpoint remote, IkeHeader request, NotifyPayload notify, Turn turn) {
        if (!budget.take(turn.now)) {
            return false;
        }
        IkeHeader header = new IkeHeader(request.initiatorSpi(), request.responderSpi(), 0, request.exchangeType(),
                false, true, request.messageId(), 0);
        turn.emit(new SendDatagram(local, remote, new IkeMessage(header, List.of(notify)).encode()));
        return true;
    }
}
