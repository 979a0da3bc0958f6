package dev.petrel.gateway.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A connection to the control socket that sends arbitrary octets and reads whatever comes back until the end. */
final class RawClient implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SocketChannel channel;

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
    }

    RawClient send(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return this;
    }

    /** Everything the server sends until it closes the connection (within a bound, or the test fails). */
    String readToEnd() throws IOException {
        return Watchdog.within(BOUND, channel, () -> {
            StringBuilder text = new StringBuilder();
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (channel.read(in.clear()) >= 0) {
                text.append(StandardCharsets.UTF_8.decode(in.flip()));
            }
            return text.toString();
        });
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
