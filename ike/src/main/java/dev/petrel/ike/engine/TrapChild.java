package dev.petrel.ike.engine;

/**
 * Install a trap policy for {@code child} of {@code connection} (swanctl's {@code trap} action): the next packet
 * that matches its selectors is held, if it can be, and the shell asks the engine to negotiate the CHILD_SA. The
 * engine asks for this when a dead peer or the peer's close ended the CHILD_SA and its configuration says trap.
 */
public record TrapChild(String connection, String child) implements Action {}
