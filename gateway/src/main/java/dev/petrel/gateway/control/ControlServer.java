package dev.petrel.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves a {@link GatewayControl} on a Unix-domain socket, one request per connection, each connection on a
 * virtual thread of its own. A request longer than its limit, one that is not a request, or one that is refused
 * gets an {@code error} reply; a client that does not send its request, or read its reply, within the timeout is
 * dropped. Either way only that connection is closed. The socket file is owner-only (0600, so root-only for a
 * daemon run as root) from the moment it has its name, and is removed on {@link #close()}.
 */
public final class ControlServer implements AutoCloseable {
    /** Where the daemon listens unless told otherwise. */
    public static final String DEFAULT_SOCKET = "/run/petrel/petrel.sock";
    /** The longest request read; control requests are a few dozen octets. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4096;
    /** How long a client has to send its request, and again to read its reply. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final Path socket;
    private final GatewayControl control;
    private final int maxRequestBytes;
    private final Duration timeout;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Listens on {@code socket} with the default request limit and timeout. */
    public ControlServer(Path socket, GatewayControl control) throws IOException {
        this(socket, control, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_TIMEOUT);
    }

    /**
     * Listens on {@code socket}, creating its directory if missing. A socket file left behind by a daemon that is
     * gone is replaced; if a daemon still answers there, or the path is something other than a socket, this fails.
     */
    public ControlServer(Path socket, GatewayControl control, int maxRequestBytes, Duration timeout)
            throws IOException {
        if (maxRequestBytes <= 0 || !timeout.isPositive()) {
            throw new IllegalArgumentException("request limit and timeout must be positive");
        }
        this.socket = socket.toAbsolutePath();
        this.control = Objects.requireNonNull(control, "control");
        this.maxRequestBytes = maxRequestBytes;
        this.timeout = timeout;
        Files.createDirectories(this.socket.getParent());
        removeStale(this.socket);
        this.server = bindOwnerOnly(this.socket);
        Thread.ofVirtual().name("petrel-control").start(this::acceptLoop);
    }

    /** Stops listening, drops connected clients and removes the socket file. */
    @Override
    public void close() throws IOException {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        try {
            server.close();
            for (SocketChannel client : clients) {
                client.close();
            }
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    private void acceptLoop() {
        while (open.get()) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread.ofVirtual().name("petrel-control-client").start(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. out of file descriptors: say so, give it a moment, keep serving
                System.err.println("petrel: control socket " + socket + ": " + e.getMessage());
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            String reply = ControlJson.line(answer(client));
            Watchdog.within(timeout, client, () -> Lines.write(client, reply));
        } catch (IOException e) {
            // the client went away, or did not send or read in time: it alone is dropped
        } finally {
            clients.remove(client);
        }
    }

    private Reply answer(SocketChannel client) throws IOException {
        Request request;
        try {
            request = ControlJson.read(Watchdog.within(timeout, client, () -> Lines.read(client, maxRequestBytes)),
                    Request.class);
        } catch (Lines.TooLongException e) {
            return new Reply.Failure("request " + e.getMessage());
        } catch (JsonProcessingException e) {
            return new Reply.Failure("malformed request: " + e.getOriginalMessage());
        }
        try {
            return perform(request);
        } catch (ControlException e) {
            return new Reply.Failure(e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("petrel: control request " + request + " failed: " + e);
            return new Reply.Failure("the daemon failed to carry out the request (see its log)");
        }
    }

    private Reply perform(Request request) throws ControlException {
        return switch (request) {
            case Request.Initiate(String connection) -> new Reply.Done(control.initiate(connection));
            case Request.Terminate(String connection) -> new Reply.Done(control.terminate(connection));
            case Request.RekeyIke(String connection, boolean reauth) -> new Reply.Done(control.rekeyIke(connection, reauth));
            case Request.RekeyChild(String child) -> new Reply.Done(control.rekeyChild(child));
            case Request.Reload _ -> new Reply.Done(control.reload());
            case Request.ListSas _ -> new Reply.Sas(control.listSas());
            case Request.ListConns _ -> new Reply.Conns(control.listConns());
            case Request.ListPools _ -> new Reply.Pools(control.listPools());
        };
    }

    /** Removes a socket file nobody answers on; refuses to touch anything else. */
    private static void removeStale(Path socket) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new IOException(socket + " exists and is not a socket; not replacing it");
        }
        if (answers(socket)) {
            throw new IOException("another Petrel daemon is listening on " + socket);
        }
        Files.deleteIfExists(socket);
    }

    private static boolean answers(Path socket) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return Watchdog.within(PROBE_TIMEOUT, probe, () -> probe.connect(UnixDomainSocketAddress.of(socket)));
        } catch (ConnectException e) {
            return false;
        } catch (SocketTimeoutException e) {
            return true; // its backlog is full: alive, only busy
        }
    }

    /**
     * Binds under a temporary name, makes that owner-only, then links the real name to it: the socket is never
     * reachable under its well-known name with wider permissions, and if another daemon took the name meanwhile
     * the link fails instead of replacing it.
     */
    private static ServerSocketChannel bindOwnerOnly(Path socket) throws IOException {
        Path temporary = socket.resolveSibling(
                "." + socket.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary));
            try {
                Files.setPosixFilePermissions(temporary, OWNER_ONLY);
                Files.createLink(socket, temporary);
            } finally {
                Files.delete(temporary);
            }
            return channel;
        } catch (FileAlreadyExistsException e) {
            channel.close();
            throw new IOException("another Petrel daemon took " + socket + " while this one was starting", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
