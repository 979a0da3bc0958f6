package dev.petrel.ike.eap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Identities and names on the wire: UTF-8 (RFC 3748 §5.1), never NUL, bounded in length. */
public final class Identities {
    private Identities() {}

    /** {@code octets} as text, strictly: malformed UTF-8, a NUL or more than {@code max} octets are refused. */
    public static String decode(byte[] octets, int max) throws EapException {
        if (octets.length > max) {
            throw new EapException("an EAP identity of " + octets.length + " octets is longer than " + max);
        }
        for (byte b : octets) {
            if (b == 0) {
                throw new EapException("an EAP identity contains a NUL octet");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets)).toString();
        } catch (CharacterCodingException e) {
            throw new EapException("an EAP identity is not UTF-8 (RFC 3748 §5.1)");
        }
    }

    public static byte[] encode(String identity) {
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The first {@code length} octets of text the other side sent, for a log line: printable ASCII kept, other
     * octets escaped ({@code \x01}), at most {@code max} characters.
     */
    public static String printable(byte[] text, int length, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length && b.length() < max; i++) {
            int c = text[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }
}
