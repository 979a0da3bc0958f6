package dev.petrel.gateway.udp;

import dev.petrel.gateway.dataplane.NonEspMarker;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.SendDatagram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * UDP sockets driving an {@link IkeEngine} from one event-loop thread: datagrams in, timers, a periodic task, and the
 * engine's actions out. On the NAT-T port the non-ESP marker is stripped from IKE messages and added to those sent (RFC
 * 3948 §2.2). A port is either one of the endpoint's own channels (ESP and keepalives arriving there are dropped) or
 * the data plane's socket, which hands IKE messages over through {@link #ikeDatagram} and sends ours. Actions other
 * than sends go to the listener, on the loop thread; it must not block.
 */
public final class UdpIkeEndpoint implements AutoCloseable {
    /** Unknown-SPI reports waiting for the loop at most; more are dropped (the engine rate-limits its answers anyway). */
    private static final int MAX_PENDING_REPORTS = 64;
    /** IKE datagrams from the data plane's sockets waiting for the loop at most. */
    private static final int MAX_PENDING_DATAGRAMS = 1024;
    /** Calls from the data plane ({@link #actBounded}) waiting for the loop at most. */
    private static final int MAX_PENDING_CALLS = 64;
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(UdpIkeEndpoint.class.getName());
    private static final int MAX_DATAGRAM = 65_535;

    private final IkeEngine engine;
    private final List<DatagramChannel> channels;
    private final Selector selector;
    private final Consumer<Action> listener;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer receive = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final byte[] scratch = new byte[MAX_DATAGRAM];
    private final Thread loop;
    private volatile boolean running = true;
    private final OuterPort outer;
    private final int natTPort;
    private final AtomicInteger pendingReports = new AtomicInteger();
    private final AtomicInteger pendingDatagrams = new AtomicInteger();
    private final AtomicInteger pendingCalls = new AtomicInteger();
    private volatile Function<IkeEngine, List<Action>> periodic = e -> List.of();
    private final LongAdder dropped = new LongAdder();

    /** Drives {@code engine} over already bound channels (e.g. opened inside a network namespace), the NAT-T port among them. */
    public UdpIkeEndpoint(IkeEngine engine, List<DatagramChannel> channels, Consumer<Action> listener) throws IOException {
        this(engine, channels, null, listener);
    }

    /**
     * Drives {@code engine} over its own channels (maybe none) and the data plane's {@code outer} port for every port
     * without a channel; IKE messages received there come in through {@link #ikeDatagram}.
     */
    public UdpIkeEndpoint(IkeEngine engine, List<DatagramChannel> channels, OuterPort outer, Consumer<Action> listener)
            throws IOException {
        this.engine = engine;
        this.channels = List.copyOf(channels);
        this.outer = outer;
        this.natTPort = engine.settings().ports().natTraversal();
        this.listener = listener;
        this.selector = Selector.open();
        for (DatagramChannel c : this.channels) {
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
        }
        this.loop = Thread.ofPlatform().name("petrel-ike-loop").daemon().start(this::run);
    }

    /** Binds UDP 500 and 4500 on each address. */
    public static List<DatagramChannel> bind(List<InetAddress> addresses) throws IOException {
        return bind(addresses, Endpoint.IKE_PORT, Endpoint.NAT_T_PORT);
    }

    /** Binds UDP {@code ports} on each address. */
    public static List<DatagramChannel> bind(List<InetAddress> addresses, int... ports) throws IOException {
        List<DatagramChannel> out = new ArrayList<>();
        try {
            for (InetAddress a : addresses) {
                for (int port : ports) {
                    out.add(DatagramChannel.open().bind(new InetSocketAddress(a, port)));
                }
            }
            return out;
        } catch (IOException e) {
            for (DatagramChannel c : out) {
                c.close();
            }
            throw e;
        }
    }

    /** An IKE message the data plane received on the NAT-T port, its marker removed; from any thread. */
    public void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {
        submitBounded(pendingDatagrams, MAX_PENDING_DATAGRAMS,
                () -> engine.onDatagram(Endpoint.of(local), Endpoint.of(remote), message, Instant.now()).forEach(this::perform));
    }

    /** The data plane received ESP or AH for an SPI it does not know; from any thread. */
    public void unknownSpi(InetAddress source, int spi) {
        submitBounded(pendingReports, MAX_PENDING_REPORTS,
                () -> engine.reportInvalidSpi(source, spi, Instant.now()).forEach(this::perform));
    }

    /**
     * Runs {@code task} on the loop unless {@code max} tasks of its kind already wait: what comes from the network may
     * not queue without bound while the loop is behind (a flood); the excess is dropped and counted.
     */
    private void submitBounded(AtomicInteger pending, int max, Runnable task) {
        if (pending.incrementAndGet() > max) {
            pending.decrementAndGet();
            dropped.increment();
            if (dropped.sum() % 1000 == 1) {
                LOG.log(Level.WARNING, "the IKE loop is behind: {0} datagrams and reports dropped so far", dropped.sum());
            }
            return;
        }
        submit(() -> {
            pending.decrementAndGet();
            task.run();
        });
    }

    /**
     * Runs {@code call} on the loop and performs its actions, as {@link #act}, unless {@value #MAX_PENDING_CALLS} such
     * calls wait already: for the data plane's threads, which must never wait, nor queue without bound.
     */
    public void actBounded(Function<IkeEngine, List<Action>> call) {
        submitBounded(pendingCalls, MAX_PENDING_CALLS, () -> call.apply(engine).forEach(this::perform));
    }

    /** Has the loop run {@code task} about once a second, and perform the actions it returns. */
    public void periodically(Function<IkeEngine, List<Action>> task) {
        this.periodic = task;
    }

    /** Runs {@code call} on the loop thread, e.g. {@code e -> e.initiate(...)}, and performs the actions it returns. */
    public CompletableFuture<List<Action>> act(Function<IkeEngine, List<Action>> call) {
        return query(e -> {
            List<Action> actions = call.apply(e);
            actions.forEach(this::perform);
            return actions;
        });
    }

    /** Reads the engine on the loop thread, e.g. {@code IkeEngine::sas}. */
    public <T> CompletableFuture<T> query(Function<IkeEngine, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(read.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        Instant nextPeriod = Instant.now().plus(PERIOD);
        while (running) {
            try {
                Instant tick = nextPeriod;
                Instant wake = engine.nextTimer().filter(t -> t.isBefore(tick)).orElse(tick);
                selector.select(Math.max(1, Duration.between(Instant.now(), wake).toMillis()));
                for (SelectionKey key : selector.selectedKeys()) {
                    receive((DatagramChannel) key.channel());
                }
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Instant now = Instant.now();
                if (!now.isBefore(nextPeriod)) {
                    nextPeriod = now.plus(PERIOD);
                    periodic.apply(engine).forEach(this::perform);
                }
                if (engine.nextTimer().filter(t -> !t.isAfter(now)).isPresent()) {
                    engine.onTimer(now).forEach(this::perform);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "IKE loop: {0}", e.toString());
                }
            }
        }
    }

    private void receive(DatagramChannel channel) throws IOException {
        for (int i = 0; i < 64; i++) {
            receive.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(receive);
            if (from == null) {
                return;
            }
            receive.flip();
            int len = receive.remaining();
            receive.get(scratch, 0, len);
            InetSocketAddress to = (InetSocketAddress) channel.getLocalAddress();
            int offset = 0;
            if (to.getPort() == natTPort) {
                if (NonEspMarker.classify(scratch, 0, len) != NonEspMarker.Kind.IKE) {
                    continue; // ESP and keepalives belong to a data plane, which this socket does not serve
                }
                offset = NonEspMarker.LENGTH;
            }
            byte[] message = Arrays.copyOfRange(scratch, offset, len);
            engine.onDatagram(Endpoint.of(to), Endpoint.of(from), message, Instant.now()).forEach(this::perform);
        }
    }

    private void perform(Action action) {
        if (action instanceof SendDatagram send) {
            send(send);
        }
        try {
            listener.accept(action);
        } finally {
            if (action instanceof InstallChildSa install) {
                install.destroy();
            }
        }
    }

    private void send(SendDatagram send) {
        boolean marker = send.local().port() == natTPort;
        byte[] datagram = new byte[send.message().length + (marker ? NonEspMarker.LENGTH : 0)];
        System.arraycopy(send.message(), 0, datagram, datagram.length - send.message().length, send.message().length);
        DatagramChannel channel = channel(send.local());
        try {
            if (channel != null) {
                channel.send(ByteBuffer.wrap(datagram), send.remote().socketAddress());
            } else if (outer != null) {
                outer.sendIke(send.local().socketAddress(), send.remote().socketAddress(), datagram, 0, datagram.length);
            } else {
                LOG.log(Level.WARNING, "no socket bound to {0}", send.local());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "sending to {0} failed: {1}", send.remote(), e.getMessage());
        }
    }

    private DatagramChannel channel(Endpoint local) {
        for (DatagramChannel c : channels) {
            try {
                InetSocketAddress a = (InetSocketAddress) c.getLocalAddress();
                if (a.getPort() == local.port() && (a.getAddress().equals(local.address()) || a.getAddress().isAnyLocalAddress())) {
                    return c;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        for (DatagramChannel c : channels) {
            c.close();
        }
    }
}
