package dev.petrel.wire.ike;

import java.util.Objects;

/** Argument checks for the records' constructors: a record holds only what its wire format can carry. */
final class Checks {
    /** The most octets a payload body can hold: a 16-bit payload length less the generic header. */
    static final int MAX_BODY = 0xffff - 4;

    private Checks() {}

    static int u8(String name, int v) {
        return range(name, v, 0xff);
    }

    static int u16(String name, int v) {
        return range(name, v, 0xffff);
    }

    static int range(String name, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is outside 0.." + max);
        }
        return v;
    }

    static byte[] bytes(String name, byte[] b, int maxLength) {
        Objects.requireNonNull(b, name);
        if (b.length > maxLength) {
            throw new IllegalArgumentException(name + " has " + b.length + " octets, more than " + maxLength);
        }
        return b;
    }
}
