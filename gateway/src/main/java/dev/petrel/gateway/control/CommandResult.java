package dev.petrel.gateway.control;

import java.util.List;

/**
 * The answer to a command that ran: whether it achieved what was asked ({@code ok}) and what the daemon has to say
 * about it, one line per element (what was started or deleted, how far an initiation got). Lines are shown to the
 * operator as they are and must not carry secrets.
 */
public record CommandResult(boolean ok, List<String> lines) {
    public CommandResult {
        lines = List.copyOf(lines);
    }

    /** A command that achieved what was asked. */
    public static CommandResult success(String... lines) {
        return new CommandResult(true, List.of(lines));
    }

    /** A command that ran but did not achieve what was asked. */
    public static CommandResult failure(String... lines) {
        return new CommandResult(false, List.of(lines));
    }
}
