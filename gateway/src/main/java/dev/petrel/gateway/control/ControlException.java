package dev.petrel.gateway.control;

/**
 * A command that could not be carried out: an unknown connection, a configuration that does not load, no daemon
 * listening, a request the daemon does not understand. The message is for the operator as it stands (the
 * {@code petrel} command prints it on one line) and must not carry secrets.
 */
public class ControlException extends Exception {
    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
