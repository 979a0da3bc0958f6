package dev.petrel.ike.engine;

import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.Payload;
import java.util.List;

/**
 * One exchange we initiate (RFC 7296 §1): it builds the request's payloads and handles the response, in the
 * manner of strongSwan's tasks. The engine numbers, protects, sends and retransmits the request.
 */
interface Exchange {
    ExchangeType type();

    /** The request's payloads, inside the SK payload except for IKE_SA_INIT; null when there is nothing to send. */
    List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn);

    /** The response, authenticated and decrypted (IKE_SA_INIT: as received). */
    void response(IkeEngine engine, IkeSa sa, Received response, Turn turn);

    /** The IKE SA dies with this exchange unanswered or unsent: give back what it holds (SPIs, key exchanges). */
    default void abandon(IkeEngine engine) {}

    /** A short name for logs and events. */
    default String describe() {
        return type().name();
    }
}
