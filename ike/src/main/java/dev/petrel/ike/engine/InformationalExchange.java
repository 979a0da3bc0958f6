package dev.petrel.ike.engine;

import dev.petrel.wire.ike.DeletePayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import java.util.List;

/**
 * INFORMATIONAL requests we send (RFC 7296 §1.4): deleting the IKE SA, deleting one CHILD_SA (the peer answers
 * with the SPI of its half), or an empty liveness check.
 */
sealed interface InformationalExchange extends Exchange {
    @Override
    default ExchangeType type() {
        return ExchangeType.INFORMATIONAL;
    }

    static InformationalExchange deleteIke() {
        return new DeleteIke();
    }

    static InformationalExchange deleteChild(ChildLife child) {
        return new DeleteChild(child);
    }

    static InformationalExchange liveness() {
        return new Liveness();
    }

    static InformationalExchange report(NotifyPayload notify) {
        return new Report(notify);
    }

    record DeleteIke() implements InformationalExchange {
        @Override
        public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
            return List.of(new DeletePayload(ProtocolId.IKE.value(), List.of()));
        }

        @Override
        public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
            engine.destroy(sa, "deleted", turn);
        }

        @Override
        public String describe() {
            return "INFORMATIONAL delete IKE SA";
        }
    }

    record DeleteChild(ChildLife child) implements InformationalExchange {
        @Override
        public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
            return sa.children.contains(child) && child.state != ChildLife.State.RETIRED
                    ? List.of(new DeletePayload(child.sa.protocol().value(), List.of(child.inboundSpi())))
                    : null;
        }

        @Override
        public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
            if (sa.children.contains(child)) {
                engine.removeChild(sa, child, "deleted", turn);
            }
        }

        @Override
        public String describe() {
            return "INFORMATIONAL delete CHILD_SA " + child;
        }
    }

    /** An error notify about the SA, e.g. INVALID_SPI for ESP the data plane could not place (§3.10.1). */
    record Report(NotifyPayload report) implements InformationalExchange {
        @Override
        public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
            return List.of(report);
        }

        @Override
        public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
            // Acknowledged; nothing else to do.
        }

        @Override
        public String describe() {
            return "INFORMATIONAL " + NotifyNames.name(report.notifyType());
        }
    }

    record Liveness() implements InformationalExchange {
        @Override
        public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
            return List.of();
        }

        @Override
        public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
            // An authenticated answer is all a liveness check asks for.
        }

        @Override
        public String describe() {
            return "INFORMATIONAL liveness check";
        }
    }
}
