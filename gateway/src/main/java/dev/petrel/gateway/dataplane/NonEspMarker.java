package dev.petrel.gateway.dataplane;

/**
 * UDP port 4500 framing (RFC 3948 §2): IKE messages start with a four-octet zero non-ESP marker, ESP with its
 * non-zero SPI, and a single 0xFF octet is a NAT keepalive.
 */
public final class NonEspMarker {
    public static final int LENGTH = 4;

    private NonEspMarker() {}

    /** What a datagram received on port 4500 carries. */
    public enum Kind { IKE, ESP, KEEPALIVE, MALFORMED }

    public static Kind classify(byte[] b, int off, int len) {
        if (len == 1 && b[off] == (byte) 0xff) {
            return Kind.KEEPALIVE;
        }
        if (len < LENGTH) {
            return Kind.MALFORMED;
        }
        boolean zero = b[off] == 0 && b[off + 1] == 0 && b[off + 2] == 0 && b[off + 3] == 0;
        return zero ? Kind.IKE : Kind.ESP;
    }
}
