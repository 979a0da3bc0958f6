package dev.petrel.testkit.relay;

import dev.petrel.testkit.sim.FaultProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A fault-injecting UDP relay for tests of real processes (Petrel, strongSwan): it listens at {@link RelayOptions}'
 * ports, passes each datagram on as a NAT with fixed ports would (see {@link PortRelay}), and drops, delays, reorders
 * and duplicates it as its direction's {@link FaultProfile} says, the same profile the simulator's links take. Each
 * port and direction draws from its own generator split in a fixed order from the seed, so the n-th datagram of a
 * stream meets the same fate in every run with that seed, whatever the other streams do.
 *
 * <p>In a test JVM: {@link #start}. As a process ({@link RelayProcess} starts one): {@code java -cp <testkit>
 * dev.petrel.testkit.relay.FaultRelay --listen ADDR --target ADDR --ports 500,4500 [--loss R] ...}; it prints
 * {@code ready ...} once bound, then answers the {@link RelayCommand} lines on standard input, and exits with 0 on
 * {@code quit} or the end of its input, with 2 on bad arguments, with 1 when it cannot bind; SIGTERM closes it too.
 */
public final class FaultRelay implements AutoCloseable {
    private final RelayOptions options;
    private final Link link;
    private final List<PortRelay> ports;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultRelay(RelayOptions options, Link link, List<PortRelay> ports) {
        this.options = options;
        this.link = link;
        this.ports = ports;
    }

    /** Binds every port and starts relaying; fails naming the address that cannot be bound, leaving nothing open. */
    public static FaultRelay start(RelayOptions options) throws IOException {
        Link link = new Link(options);
        SplittableRandom seeds = new SplittableRandom(options.seed());
        List<PortRelay> ports = new ArrayList<>();
        try {
            for (int port : options.ports()) {
                Map<Direction, RandomGenerator> random = new EnumMap<>(Direction.class);
                for (Direction d : Direction.values()) {
                    random.put(d, seeds.split());
                }
                ports.add(PortRelay.open(link, new InetSocketAddress(options.listen(), port),
                        new InetSocketAddress(options.target(), port), random));
            }
        } catch (IOException e) {
            new FaultRelay(options, link, ports).close();
            throw e;
        }
        return new FaultRelay(options, link, ports);
    }

    public RelayOptions options() {
        return options;
    }

    /** Sets both directions' profile. */
    public void profile(FaultProfile both) {
        for (Direction d : Direction.values()) {
            link.profile(d, both);
        }
    }

    /** Sets one direction's profile; while the link is cut it takes effect at {@link #heal()}. */
    public void profile(Direction direction, FaultProfile profile) {
        link.profile(direction, profile);
    }

    public FaultProfile profile(Direction direction) {
        return link.profile(direction);
    }

    /** Drops everything both ways from now on, also the copies waiting in the delay line: a dead peer. */
    public void cut() {
        link.cut(true);
    }

    /** Undoes {@link #cut()}. */
    public void heal() {
        link.cut(false);
    }

    public boolean isCut() {
        return link.isCut();
    }

    public RelayStats stats() {
        return link.stats();
    }

    /** Closes the sockets and stops the threads; copies still delayed are not sent. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        link.close();
        for (PortRelay port : ports) {
            try {
                port.close();
            } catch (IOException e) {
                System.err.println("FaultRelay: closing a port failed: " + e);
            }
        }
    }

    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(List.of(args), in, System.out, System.err));
    }

    /**
     * {@link #main} with its streams given; returns the exit code. A relay it starts is also closed by a shutdown hook
     * (SIGTERM), so a test calls it only for arguments that fail.
     */
    static int run(List<String> args, BufferedReader in, PrintStream out, PrintStream err) {
        RelayOptions options;
        try {
            options = RelayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("FaultRelay: " + e.getMessage());
            err.println(RelayOptions.USAGE);
            return 2;
        }
        FaultRelay relay;
        try {
            relay = start(options);
        } catch (IOException e) {
            err.println("FaultRelay: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
        try (relay) {
            answer(out, "ready listen=" + options.listen().getHostAddress() + " target=" + options.target().getHostAddress()
                    + " ports=" + options.ports().stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " seed=" + options.seed());
            serve(in, out, relay);
        } catch (IOException e) {
            err.println("FaultRelay: reading commands failed: " + e);
            return 1;
        }
        return 0;
    }

    /** Answers the commands on {@code in} until {@code quit} or its end. */
    private static void serve(BufferedReader in, PrintStream out, FaultRelay relay) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            RelayCommand command;
            try {
                command = RelayCommand.parse(line);
            } catch (IllegalArgumentException e) {
                answer(out, "error " + e.getMessage());
                continue;
            }
            switch (command) {
                case RelayCommand.SetProfile p ->
                        p.direction().ifPresentOrElse(d -> relay.profile(d, p.profile()), () -> relay.profile(p.profile()));
                case RelayCommand.Word.CUT -> relay.cut();
                case RelayCommand.Word.HEAL -> relay.heal();
                case RelayCommand.Word.STATS -> {
                    answer(out, relay.stats().line());
                    continue;
                }
                case RelayCommand.Word.QUIT -> {
                    answer(out, "ok");
                    return;
                }
            }
            answer(out, "ok");
        }
    }

    private static void answer(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }
}
