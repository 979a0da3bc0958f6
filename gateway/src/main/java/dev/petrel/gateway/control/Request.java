package dev.petrel.gateway.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A request on the control socket: one JSON object named by its {@code command}, e.g. {@code {"command":"reload"}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Request.Initiate.class, name = "initiate"),
    @JsonSubTypes.Type(value = Request.Terminate.class, name = "terminate"),
    @JsonSubTypes.Type(value = Request.Reload.class, name = "reload"),
    @JsonSubTypes.Type(value = Request.ListSas.class, name = "list-sas"),
    @JsonSubTypes.Type(value = Request.ListConns.class, name = "list-conns"),
    @JsonSubTypes.Type(value = Request.ListPools.class, name = "list-pools"),
})
sealed interface Request {
    /** {@code {"command":"initiate","connection":"home"}} */
    record Initiate(String connection) implements Request {
        public Initiate {
            requireName(connection);
        }
    }

    /** {@code {"command":"terminate","connection":"home"}} */
    record Terminate(String connection) implements Request {
        public Terminate {
            requireName(connection);
        }
    }

    /** {@code {"command":"reload"}} */
    record Reload() implements Request { }

    /** {@code {"command":"list-sas"}} */
    record ListSas() implements Request { }

    /** {@code {"command":"list-conns"}} */
    record ListConns() implements Request { }

    /** {@code {"command":"list-pools"}} */
    record ListPools() implements Request { }

    private static void requireName(String connection) {
        if (connection == null || connection.isBlank()) {
            throw new IllegalArgumentException("a connection name is required");
        }
    }
}
