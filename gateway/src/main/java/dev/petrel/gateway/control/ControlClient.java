package dev.petrel.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The daemon's {@link GatewayControl} seen through its control socket: each call is one connection, one request
 * and one reply. Whatever goes wrong on the way (no daemon, no answer in time, a refusal) is a
 * {@link ControlException} whose message says so, e.g.
 * {@code no Petrel daemon at /run/petrel/petrel.sock: connection refused}.
 */
public final class ControlClient implements GatewayControl {
    /** How long a call waits for its reply; an initiation waits for IKE, retransmissions included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    /** The longest reply read: room for thousands of SAs. */
    private static final int MAX_REPLY_BYTES = 64 << 20;

    private final Path socket;
    private final Duration timeout;

    /** A client of the daemon at {@code socket} that waits {@link #DEFAULT_TIMEOUT} for each reply. */
    public ControlClient(Path socket) {
        this(socket, DEFAULT_TIMEOUT);
    }

    /** A client of the daemon at {@code socket} that waits {@code timeout} to connect and again for each reply. */
    public ControlClient(Path socket, Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.socket = socket.toAbsolutePath();
        this.timeout = timeout;
    }

    @Override
    public CommandResult initiate(String connection) throws ControlException {
        return ask(named(Request.Initiate::new, connection), Reply.Done.class).result();
    }

    @Override
    public CommandResult terminate(String connection) throws ControlException {
        return ask(named(Request.Terminate::new, connection), Reply.Done.class).result();
    }

    @Override
    public CommandResult rekeyIke(String connection, boolean reauthenticate) throws ControlException {
        return ask(named(name -> new Request.RekeyIke(name, reauthenticate), connection), Reply.Done.class).result();
    }

    @Override
    public CommandResult rekeyChild(String child) throws ControlException {
        return ask(named(Request.RekeyChild::new, child), Reply.Done.class).result();
    }

    @Override
    public CommandResult reload() throws ControlException {
        return ask(new Request.Reload(), Reply.Done.class).result();
    }

    @Override
    public List<IkeSaStatus> listSas() throws ControlException {
        return ask(new Request.ListSas(), Reply.Sas.class).sas();
    }

    @Override
    public List<ConnectionStatus> listConns() throws ControlException {
        return ask(new Request.ListConns(), Reply.Conns.class).conns();
    }

    @Override
    public List<AddressPoolStatus> listPools() throws ControlException {
        return ask(new Request.ListPools(), Reply.Pools.class).pools();
    }

    /** The request for {@code name}, or the reason there is none (a blank name). */
    private static Request named(Function<String, Request> request, String name) throws ControlException {
        try {
            return request.apply(name);
        } catch (IllegalArgumentException e) {
            throw new ControlException(e.getMessage(), e);
        }
    }

    private <R extends Reply> R ask(Request request, Class<R> expected) throws ControlException {
        String line = exchange(ControlJson.line(request));
        if (line.isEmpty()) {
            throw new ControlException("the Petrel daemon at " + socket + " closed the connection without answering");
        }
        Reply reply;
        try {
            reply = ControlJson.read(line, Reply.class);
        } catch (JsonProcessingException e) {
            throw new ControlException("the Petrel daemon at " + socket
                    + " sent a reply this client does not understand: " + e.getOriginalMessage(), e);
        }
        if (reply instanceof Reply.Failure(String error)) {
            throw new ControlException(error);
        }
        if (!expected.isInstance(reply)) {
            throw new ControlException("the Petrel daemon at " + socket + " sent " + reply.getClass().getSimpleName()
                    + " in reply to " + request);
        }
        return expected.cast(reply);
    }

    private String exchange(String request) throws ControlException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            connect(channel);
            return Watchdog.within(timeout, channel, () -> {
                Lines.write(channel, request);
                return Lines.read(channel, MAX_REPLY_BYTES);
            });
        } catch (IOException e) {
            throw new ControlException("no answer from the Petrel daemon at " + socket + ": " + reason(e), e);
        }
    }

    private void connect(SocketChannel channel) throws ControlException {
        try {
            Watchdog.within(timeout, channel, () -> channel.connect(UnixDomainSocketAddress.of(socket)));
        } catch (IOException e) {
            boolean absent = e instanceof ConnectException || Files.notExists(socket);
            throw new ControlException((absent ? "no Petrel daemon at " : "cannot connect to the Petrel daemon at ")
                    + socket + ": " + reason(e), e);
        }
    }

    /** The JDK's text for an I/O failure as the tail of a sentence: {@code connection refused}. */
    private static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
