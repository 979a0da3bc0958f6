package dev.petrel.ike.pool;

/**
 * A Configuration payload whose attributes do not decode (RFC 7296 §3.15.1): a length the attribute's type does not
 * allow, a netmask that is not one, a prefix length out of range, or a payload of the wrong CFG type. The message
 * names the attribute, its position and what was wrong, never more of the payload. Thrown for network input, so it
 * carries no stack trace.
 */
public final class ConfigAttributeException extends Exception {
    ConfigAttributeException(String message) {
        super(message, null, false, false);
    }
}
