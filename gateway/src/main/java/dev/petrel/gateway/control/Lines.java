package dev.petrel.gateway.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** The framing of the control socket: a request or a reply is one line of UTF-8 ended by a newline. */
final class Lines {
    /** A line that goes on past its limit; the rest of it is not read. */
    static final class TooLongException extends IOException {
        TooLongException(int limit) {
            super("longer than " + limit + " bytes");
        }
    }

    private static final int CHUNK = 8192;

    private Lines() { }

    /**
     * Reads up to the first newline, or to the end of the stream if none comes, and returns what came before it
     * (malformed UTF-8 replaced). Octets after the newline are not looked at.
     */
    static String read(ReadableByteChannel channel, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        while (true) {
            int n = channel.read(chunk.clear());
            if (n < 0) {
                return line.toString(StandardCharsets.UTF_8);
            }
            int end = indexOfNewline(chunk.array(), n);
            int length = end < 0 ? n : end;
            if (line.size() + length > limit) {
                throw new TooLongException(limit);
            }
            line.write(chunk.array(), 0, length);
            if (end >= 0) {
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Writes {@code text} and a newline. */
    static void write(WritableByteChannel channel, String text) throws IOException {
        ByteBuffer out = StandardCharsets.UTF_8.encode(text + "\n");
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private static int indexOfNewline(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
