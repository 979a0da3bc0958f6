package dev.petrel.gateway.udp;

import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.SendDatagram;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * UDP sockets on ports 500 and 4500 driving an {@link IkeEngine} from one event-loop thread: datagrams in, timers,
 * and the engine's actions out. On port 4500 the non-ESP marker is stripped from IKE messages and added to those
 * sent (RFC 3948 §2.2); ESP arriving there goes to the ESP handler, keepalives are ignored. Actions other than
 * sends go to the listener, on the loop thread; it must not block.
 */
public final class UdpIkeEndpoint implements AutoCloseable {
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
    private Consumer<byte[]> espHandler = esp -> { };

    /** Drives {@code engine} over already bound channels (e.g. opened inside a network namespace). */
    public UdpIkeEndpoint(IkeEngine engine, List<DatagramChannel> channels, Consumer<Action> listener) throws IOException {
        this.engine = engine;
        this.channels = List.copyOf(channels);
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
        List<DatagramChannel> out = new ArrayList<>();
        try {
            for (InetAddress a : addresses) {
                for (int port : new int[] {Endpoint.IKE_PORT, Endpoint.NAT_T_PORT}) {
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

    /** Where ESP received on port 4500 goes (the data plane); the array is the ESP packet, marker-free. */
    public void onEsp(Consumer<byte[]> handler) {
        submit(() -> espHandler = handler);
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
        while (running) {
            try {
                long timeout = engine.nextTimer().map(t -> Math.max(1, Duration.between(Instant.now(), t).toMillis())).orElse(1000L);
                selector.select(timeout);
                for (SelectionKey key : selector.selectedKeys()) {
                    receive((DatagramChannel) key.channel());
                }
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Instant now = Instant.now();
                if (engine.nextTimer().filter(t -> !t.isAfter(now)).isPresent()) {
                    engine.onTimer(now).forEach(this::perform);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("petrel: IKE loop: " + e);
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
            if (to.getPort() == Endpoint.NAT_T_PORT) {
                switch (NonEspMarker.classify(scratch, 0, len)) {
                    case IKE -> offset = NonEspMarker.LENGTH;
                    case ESP -> {
                        espHandler.accept(Arrays.copyOf(scratch, len));
                        continue;
                    }
                    case KEEPALIVE, MALFORMED -> {
                        continue;
                    }
                }
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
        DatagramChannel channel = channel(send.local());
        if (channel == null) {
            System.err.println("petrel: no socket bound to " + send.local());
            return;
        }
        boolean marker = send.local().port() == Endpoint.NAT_T_PORT;
        ByteBuffer out = ByteBuffer.allocate(send.message().length + (marker ? NonEspMarker.LENGTH : 0));
        if (marker) {
            out.putInt(0);
        }
        out.put(send.message()).flip();
        try {
            channel.send(out, send.remote().socketAddress());
        } catch (IOException e) {
            System.err.println("petrel: send to " + send.remote() + " failed: " + e.getMessage());
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
