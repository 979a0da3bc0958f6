package dev.petrel.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    private static final int LIMIT = 256;

    @TempDir
    Path dir;
    private Path socket;
    private final FakeGateway gateway = new FakeGateway();
    private ControlServer server;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("run/petrel/petrel.sock");
        server = new ControlServer(socket, gateway, LIMIT, ControlServer.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void everyCommandRoundTrips() throws Exception {
        ControlClient client = new ControlClient(socket);
        assertEquals(CommandResult.success("initiated home"), client.initiate("home"));
        assertEquals(CommandResult.failure("no IKE SA of home to terminate"), client.terminate("home"));
        assertEquals(CommandResult.success("rekeying started"), client.rekeyIke("home", true));
        assertEquals(CommandResult.failure("no CHILD_SA of net to rekey"), client.rekeyChild("net"));
        assertEquals(CommandResult.success("loaded 1 connection"), client.reload());
        assertEquals(List.of(FakeGateway.HOME), client.listSas());
        assertEquals(List.of(FakeGateway.HOME_CONN), client.listConns());
        assertEquals(List.of(FakeGateway.RW_POOL), client.listPools());
        assertEquals(List.of("initiate home", "terminate home", "rekey --ike home --reauth", "rekey --child net", "reload",
                "list-sas", "list-conns", "list-pools"), gateway.commands);
    }

    @Test
    void aRefusalReachesTheClientWithItsMessage() {
        ControlException e = assertThrows(ControlException.class, () -> new ControlClient(socket).initiate("nowhere"));
        assertEquals("no connection named 'nowhere'", e.getMessage());
    }

    @Test
    void requestsAndRepliesAreJsonLines() throws IOException {
        try (RawClient raw = new RawClient(socket)) {
            assertEquals("{\"result\":{\"ok\":true,\"lines\":[\"initiated home\"]}}\n",
                    raw.send("{\"command\":\"initiate\",\"connection\":\"home\"}\n").readToEnd());
        }
        try (RawClient raw = new RawClient(socket)) {
            assertEquals("{\"error\":\"no connection named 'nowhere'\"}\n",
                    raw.send("{\"command\":\"terminate\",\"connection\":\"nowhere\"}\n").readToEnd());
        }
        try (RawClient raw = new RawClient(socket)) {
            String reply = raw.send("{\"command\":\"list-sas\"}\n").readToEnd();
            assertTrue(reply.startsWith("{\"sas\":[{\"connection\":\"home\",\"uniqueId\":1,"), reply);
        }
    }

    @Test
    void aMalformedRequestClosesOnlyThatClient() throws Exception {
        try (RawClient waiting = new RawClient(socket)) {
            for (String malformed : List.of("not json\n", "{\"command\":\"reboot\"}\n", "{\"command\":\"initiate\"}\n",
                    "{\"command\":\"initiate\",\"connection\":\" \"}\n", "{\"command\":\"reload\",\"force\":true}\n",
                    "{\"command\":\"reload\"} {\"command\":\"reload\"}\n", "\n")) {
                try (RawClient bad = new RawClient(socket)) {
                    String reply = bad.send(malformed).readToEnd();
                    assertTrue(reply.startsWith("{\"error\":\"malformed request: "), malformed + " -> " + reply);
                }
            }
            assertEquals(List.of(), gateway.commands);
            assertEquals("{\"result\":{\"ok\":true,\"lines\":[\"loaded 1 connection\"]}}\n",
                    waiting.send("{\"command\":\"reload\"}\n").readToEnd());
        }
        assertEquals(List.of(FakeGateway.HOME), new ControlClient(socket).listSas());
    }

    @Test
    void anOversizedRequestClosesOnlyThatClient() throws Exception {
        try (RawClient waiting = new RawClient(socket); RawClient big = new RawClient(socket)) {
            String name = "x".repeat(300);
            String reply = big.send("{\"command\":\"initiate\",\"connection\":\"" + name + "\"}\n").readToEnd();
            assertEquals("{\"error\":\"request longer than 256 bytes\"}\n", reply);
            assertTrue(waiting.send("{\"command\":\"list-conns\"}\n").readToEnd().startsWith("{\"conns\":["));
        }
        assertEquals(List.of("list-conns"), gateway.commands);
    }

    @Test
    void aClientThatSendsNothingIsDroppedAfterTheTimeoutWhileOthersAreServed() throws Exception {
        server.close();
        Duration timeout = Duration.ofMillis(300);
        server = new ControlServer(socket, gateway, LIMIT, timeout);
        long start = System.nanoTime();
        try (RawClient silent = new RawClient(socket); RawClient partial = new RawClient(socket)) {
            partial.send("{\"command\":");
            assertEquals(CommandResult.success("loaded 1 connection"), new ControlClient(socket).reload());
            assertEquals("", silent.readToEnd(), "closed without a reply");
            assertEquals("", partial.readToEnd(), "closed without a reply");
        }
        assertTrue(System.nanoTime() - start >= timeout.toNanos(), "dropped only once the timeout had passed");
        assertEquals(List.of(FakeGateway.HOME_CONN), new ControlClient(socket).listConns());
    }

    @Test
    void theSocketIsOwnerOnlyInADirectoryCreatedForIt() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        try (var files = Files.list(socket.getParent())) {
            assertEquals(List.of(socket), files.toList(), "no temporary name left behind");
        }
    }

    @Test
    void closingRemovesTheSocketFile() throws IOException {
        server.close();
        assertFalse(Files.exists(socket));
        ControlException e = assertThrows(ControlException.class, () -> new ControlClient(socket).reload());
        assertTrue(e.getMessage().startsWith("no Petrel daemon at " + socket + ": "), e.getMessage());
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        server.close();
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // the file stays, nobody listens: what a crashed daemon leaves
        assertTrue(Files.exists(socket));
        server = new ControlServer(socket, gateway);
        assertEquals(List.of(FakeGateway.HOME), new ControlClient(socket).listSas());
    }

    @Test
    void aLiveDaemonsSocketIsNotTaken() throws Exception {
        IOException e = assertThrows(IOException.class, () -> new ControlServer(socket, new FakeGateway()));
        assertEquals("another Petrel daemon is listening on " + socket, e.getMessage());
        assertEquals(List.of(FakeGateway.HOME), new ControlClient(socket).listSas());
    }

    @Test
    void somethingElseAtTheSocketPathIsLeftAlone() throws IOException {
        Path file = dir.resolve("not-a-socket");
        Files.writeString(file, "keep me");
        IOException e = assertThrows(IOException.class, () -> new ControlServer(file, gateway));
        assertEquals(file + " exists and is not a socket; not replacing it", e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }
}
