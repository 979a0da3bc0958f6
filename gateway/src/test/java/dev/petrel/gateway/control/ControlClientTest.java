package dev.petrel.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlClientTest {
    @TempDir
    Path dir;

    @Test
    void noSocketFileMeansNoDaemon() {
        Path socket = dir.resolve("petrel.sock");
        ControlException e = assertThrows(ControlException.class, () -> new ControlClient(socket).listSas());
        assertEquals("no Petrel daemon at " + socket + ": no such file or directory", e.getMessage());
    }

    @Test
    void aSocketFileNobodyListensOnMeansNoDaemon() throws IOException {
        Path socket = dir.resolve("petrel.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        ControlException e = assertThrows(ControlException.class, () -> new ControlClient(socket).initiate("home"));
        assertEquals("no Petrel daemon at " + socket + ": connection refused", e.getMessage());
    }

    @Test
    void aDaemonThatDoesNotAnswerInTimeIsReported() throws IOException {
        Path socket = dir.resolve("petrel.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));
            ControlClient client = new ControlClient(socket, Duration.ofMillis(200));
            ControlException e = assertThrows(ControlException.class, client::reload);
            assertEquals("no answer from the Petrel daemon at " + socket + ": timed out after 200 ms", e.getMessage());
        }
    }

    @Test
    void aDaemonThatHangsUpIsReported() throws Exception {
        Path socket = dir.resolve("petrel.sock");
        try (ServerSocketChannel rude = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            rude.bind(UnixDomainSocketAddress.of(socket));
            Thread hangUp = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = rude.accept()) {
                    Lines.read(c, 4096);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ControlException e = assertThrows(ControlException.class, () -> new ControlClient(socket).reload());
            assertEquals("the Petrel daemon at " + socket + " closed the connection without answering", e.getMessage());
            hangUp.join(Duration.ofSeconds(5));
        }
    }
}
