package dev.petrel.ike.eap.tls;

import dev.petrel.ike.eap.EapException;
import java.util.Arrays;

/**
 * The Type-Data of an EAP-TLS packet (RFC 5216 §3.1, §3.2): Flags (L: a TLS Message Length follows, M: more
 * fragments follow, S: Start; the other five are reserved and ignored), the TLS Message Length if L, and TLS data. A
 * frame of no data and no flags acknowledges a fragment (§2.1.5) or, last, the handshake.
 *
 * @param length the total length of the TLS message this frame begins, or -1 without the L flag
 */
record EapTlsFrame(boolean start, boolean more, long length, byte[] data) {
    static final int LENGTH_INCLUDED = 0x80;
    static final int MORE_FRAGMENTS = 0x40;
    static final int START = 0x20;

    EapTlsFrame {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int size() {
        return data.length;
    }

    boolean acknowledgement() {
        return !start && !more && length < 0 && data.length == 0;
    }

    static byte[] startFrame() {
        return new byte[] {(byte) START};
    }

    static byte[] acknowledgementFrame() {
        return new byte[] {0};
    }

    /** A frame of {@code data}, with the L flag and {@code length} when it is not negative. */
    static byte[] encode(boolean more, long length, byte[] data, int from, int to) {
        int header = length < 0 ? 1 : 5;
        byte[] out = new byte[header + to - from];
        out[0] = (byte) ((more ? MORE_FRAGMENTS : 0) | (length < 0 ? 0 : LENGTH_INCLUDED));
        if (length >= 0) {
            out[1] = (byte) (length >>> 24);
            out[2] = (byte) (length >>> 16);
            out[3] = (byte) (length >>> 8);
            out[4] = (byte) length;
        }
        System.arraycopy(data, from, out, header, to - from);
        return out;
    }

    static EapTlsFrame decode(byte[] typeData) throws EapException {
        if (typeData.length == 0) {
            throw new EapException("EAP-TLS: a packet without its Flags octet (RFC 5216 §3.1)");
        }
        int flags = typeData[0] & 0xff;
        boolean start = (flags & START) != 0;
        boolean more = (flags & MORE_FRAGMENTS) != 0;
        int header = 1;
        long length = -1;
        if ((flags & LENGTH_INCLUDED) != 0) {
            if (typeData.length < 5) {
                throw new EapException("EAP-TLS: the L flag is set but the TLS Message Length is cut short "
                        + "(RFC 5216 §3.1)");
            }
            length = (typeData[1] & 0xffL) << 24 | (typeData[2] & 0xff) << 16 | (typeData[3] & 0xff) << 8
                    | typeData[4] & 0xff;
            header = 5;
        }
        byte[] data = Arrays.copyOfRange(typeData, header, typeData.length);
        if (start && (more || length >= 0 || data.length > 0)) {
            throw new EapException("EAP-TLS: a Start carries no fragment flags and no data (RFC 5216 §3.1)");
        }
        if (more && data.length == 0) {
            throw new EapException("EAP-TLS: a fragment with the M flag and no data (RFC 5216 §2.1.5)");
        }
        return new EapTlsFrame(start, more, length, data);
    }
}
