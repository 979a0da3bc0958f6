package dev.petrel.gateway.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A request on the control socket: one JSON object named by its {@code command}, e.g. {@code {"command":"reload"}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Request.Initiate.class, name = "initiate"),
    @JsonSubTypes.Type(value = Request.Terminate.class, name = "terminate"),
    @JsonSubTypes.Type(value = Request.RekeyIke.class, name = "rekey-ike"),
    @JsonSubTypes.Type(value = Request.RekeyChild.class, name = "rekey-child"),
    @JsonSubTypes.Type(value = Request.Reload.class, name = "reload"),
    @JsonSubTypes.Type(value = Request.ListSas.class, name = "list-sas"),
    @JsonSubTypes.Type(value = Request.ListConns.class, name = "list-conns"),
    @JsonSubTypes.Type(value = Request.ListPools.class, name = "list-pools"),
})
sealed interface Request {
    /** {@code {"command":"initiate","connection":"home"}} */
    record Initiate(String connection) implements Request {
        public Initiate {
            requireName("connection", connection);
        }
    }

    /** {@code {"command":"terminate","connection":"home"}} */
    record Terminate(String connection) implements Request {
        public Terminate {
            requireName("connection", connection);
        }
    }

    /** {@code {"command":"rekey-ike","connection":"home","reauth":false}} */
    record RekeyIke(String connection, boolean reauth) implements Request {
        public RekeyIke {
            requireName("connection", connection);
        }
    }

    /** {@code {"command":"rekey-child","child":"net"}} */
    record RekeyChild(String child) implements Request {
        public RekeyChild {
            requireName("child", child);
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

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name is required");
        }
    }
}
