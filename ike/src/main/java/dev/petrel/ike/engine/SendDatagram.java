package dev.petrel.ike.engine;

/**
 * Send one IKE message from {@code local} to {@code remote}. On port 4500 the shell prefixes the four-octet
 * non-ESP marker (RFC 3948 §2.2); {@code message} starts with the IKE header.
 */
public record SendDatagram(Endpoint local, Endpoint remote, byte[] message) implements Action {
    @Override
    public String toString() {
        return "SendDatagram[" + local + " -> " + remote + ", " + message.length + " octets]";
    }
}
