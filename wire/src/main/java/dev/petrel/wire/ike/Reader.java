package dev.petrel.wire.ike;

import dev.petrel.wire.ike.IkeDecodeException.Kind;
import java.util.Arrays;

/**
 * A bounds-checked cursor over part of a datagram. Every read checks what remains first, so that nothing is read or
 * allocated beyond the bytes received; failures name the field as this reader's path plus the field's name.
 */
final class Reader {
    private final byte[] b;
    private final int end;
    private final String path;
    private int payloadType;
    private int pos;

    Reader(byte[] b, int off, int len) {
        this(b, off, len, "", 0);
    }

    private Reader(byte[] b, int off, int len, String path, int payloadType) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
        this.path = path;
        this.payloadType = payloadType;
    }

    /** The type of the payload that the next failures concern: the chain sets it as it reaches each payload. */
    void payloadType(int type) {
        payloadType = type;
    }

    int remaining() {
        return end - pos;
    }

    int u8(String name) throws IkeDecodeException {
        need(1, name);
        return b[pos++] & 0xff;
    }

    int u16(String name) throws IkeDecodeException {
        need(2, name);
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int u32(String name) throws IkeDecodeException {
        need(4, name);
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Skips a reserved field: sent as zero, ignored on receipt. */
    void skip(int n, String name) throws IkeDecodeException {
        need(n, name);
        pos += n;
    }

    byte[] bytes(int n, String name) throws IkeDecodeException {
        need(n, name);
        pos += n;
        return Arrays.copyOfRange(b, pos - n, pos);
    }

    /** Everything left. */
    byte[] rest() {
        int from = pos;
        pos = end;
        return Arrays.copyOfRange(b, from, end);
    }

    /**
     * Reads the 16-bit length field of structure {@code name}, which counts the structure from its first octet, of
     * which {@code counted} (this field included) are read; returns a reader over the rest of the structure.
     */
    Reader structure(String name, int counted, int minLength) throws IkeDecodeException {
        String lengthName = name + ".length";
        int length = u16(lengthName);
        if (length < minLength) {
            throw error(lengthName, length + " is less than " + minLength);
        }
        return sub(length - counted, lengthName, field(name));
    }

    private Reader sub(int n, String lengthName, String childPath) throws IkeDecodeException {
        if (n > remaining()) {
            throw error(lengthName, "claims " + n + " more octets, " + remaining() + " left");
        }
        pos += n;
        return new Reader(b, pos - n, n, childPath, payloadType);
    }

    /** Fails if anything is left after the structure's last field {@code name}. */
    void end(String name) throws IkeDecodeException {
        if (remaining() > 0) {
            throw error(name, remaining() + " octets follow the last one");
        }
    }

    IkeDecodeException error(String name, String problem) {
        return new IkeDecodeException(Kind.INVALID_SYNTAX, field(name), payloadType, problem);
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void need(int n, String name) throws IkeDecodeException {
        if (n > remaining()) {
            throw error(name, "truncated: needs " + n + " octets, " + remaining() + " left");
        }
    }
}
