package dev.petrel.ike.engine;

import dev.petrel.ike.event.MessageDropped;
import dev.petrel.ike.event.MessageDropped.Reason;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeHeader;

/** Routes an authenticated request to the handler of its exchange, if the SA's state allows it. */
final class Responders {
    private Responders() {}

    static void handle(IkeEngine engine, IkeSa sa, Received request, Turn turn) {
        IkeHeader header = request.message().header();
        boolean connecting = sa.state == IkeSaState.CONNECTING;
        int type = header.exchangeType();
        if (type == ExchangeType.IKE_AUTH.value() && connecting && !sa.initiator) {
            IkeAuthResponder.handle(engine, sa, request, turn);
        } else if (type == ExchangeType.CREATE_CHILD_SA.value() && !connecting) {
            CreateChildSaResponder.handle(engine, sa, request, turn);
        } else if (type == ExchangeType.INFORMATIONAL.value() && (!connecting || !sa.initiator)) {
            // an initiator that gives up during IKE_AUTH may say so in an INFORMATIONAL request (RFC 7296 §2.21.2)
            InformationalResponder.handle(engine, sa, request, turn);
        } else {
            turn.event(new MessageDropped(sa.id, sa.remote, Reason.UNEXPECTED, "exchange type " + type
                    + " request in state " + sa.state));
        }
    }
}
