package dev.petrel.gateway.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A reply on the control socket: one JSON object whose single field says what it is, {@code result} for
 * initiate, terminate and reload, {@code sas} for list-sas, {@code conns} for list-conns, {@code pools} for list-pools,
 * {@code error} for a
 * request that could not be carried out.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
    @JsonSubTypes.Type(Reply.Done.class),
    @JsonSubTypes.Type(Reply.Sas.class),
    @JsonSubTypes.Type(Reply.Conns.class),
    @JsonSubTypes.Type(Reply.Pools.class),
    @JsonSubTypes.Type(Reply.Failure.class),
})
sealed interface Reply {
    /** {@code {"result":{"ok":true,"lines":["..."]}}} */
    record Done(CommandResult result) implements Reply {
        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** {@code {"sas":[...]}}: {@link IkeSaStatus} objects. */
    record Sas(List<IkeSaStatus> sas) implements Reply {
        public Sas {
            sas = List.copyOf(sas);
        }
    }

    /** {@code {"conns":[...]}}: {@link ConnectionStatus} objects. */
    record Conns(List<ConnectionStatus> conns) implements Reply {
        public Conns {
            conns = List.copyOf(conns);
        }
    }

    /** {@code {"pools":[...]}}: {@link AddressPoolStatus} objects. */
    record Pools(List<AddressPoolStatus> pools) implements Reply {
        public Pools {
            pools = List.copyOf(pools);
        }
    }

    /** {@code {"error":"no connection named 'home'"}}: the {@link ControlException}'s message. */
    record Failure(String error) implements Reply {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }
}
