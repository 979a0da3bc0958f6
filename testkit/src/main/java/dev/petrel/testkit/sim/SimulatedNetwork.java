package dev.petrel.testkit.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A deterministic network with virtual time for tests that run sans-I/O engines against each other. Everything random
 * (loss, duplication, delays, reordering) comes from one generator seeded with {@code seed}, and events due at the same
 * instant run in a fixed order (queued deliveries and callbacks by sequence number, then host timers in the order the
 * hosts were attached), so a seed replays exactly. Single-threaded: hosts are called from {@link #step}, and may call
 * {@link #send} and {@link #schedule} from there.
 */
public final class SimulatedNetwork {
    /** Where every simulation's clock starts. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /** How many recent events {@link #trace()} keeps. */
    public static final int TRACE_CAPACITY = 256;

    private final long seed;
    private final SplittableRandom random;
    private final FaultProfile defaultProfile;
    private final Map<Direction, FaultProfile> profiles = new HashMap<>();
    private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
    private final List<Attached> attached = new ArrayList<>();
    private final PriorityQueue<Scheduled> queue =
            new PriorityQueue<>(Comparator.comparing(Scheduled::time).thenComparingLong(Scheduled::sequence));
    private final Trace trace = new Trace(TRACE_CAPACITY);
    private Instant now = EPOCH;
    private long sequence;
    private long sent;
    private long delivered;
    private long dropped;
    private long duplicated;
    private long undeliverable;

    /** A network whose links all behave as {@code profile} until {@link #setProfile} says otherwise. */
    public SimulatedNetwork(long seed, FaultProfile profile) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.defaultProfile = Objects.requireNonNull(profile, "profile");
    }

    /** Makes {@code host} receive what is sent to {@code address}; a host may own several addresses (ports 500 and 4500). */
    public void attach(InetSocketAddress address, Host host) {
        Objects.requireNonNull(host, "host");
        if (hosts.putIfAbsent(Objects.requireNonNull(address, "address"), host) != null) {
            throw new IllegalArgumentException(address + " is already attached");
        }
        if (attached.stream().noneMatch(a -> a.host() == host)) {
            attached.add(new Attached(host, address.toString()));
        }
    }

    /** Overrides the fault profile for datagrams from {@code from} to {@code to} (one direction, any ports). */
    public void setProfile(InetAddress from, InetAddress to, FaultProfile profile) {
        profiles.put(new Direction(from, to), Objects.requireNonNull(profile, "profile"));
    }

    /** Returns datagrams from {@code from} to {@code to} to the network's default profile. */
    public void clearProfile(InetAddress from, InetAddress to) {
        profiles.remove(new Direction(from, to));
    }

    /**
     * Cuts the link between {@code a} and {@code b} in both directions now, and restores both directions' previous
     * profiles after {@code duration}.
     */
    public void partition(InetAddress a, InetAddress b, Duration duration) {
        Direction ab = new Direction(a, b);
        Direction ba = new Direction(b, a);
        Optional<FaultProfile> before = Optional.ofNullable(profiles.put(ab, FaultProfile.DROP_ALL));
        Optional<FaultProfile> back = Optional.ofNullable(profiles.put(ba, FaultProfile.DROP_ALL));
        schedule(duration, "heal " + a.getHostAddress() + " <-> " + b.getHostAddress(), () -> {
            restore(ab, before);
            restore(ba, back);
        });
    }

    /** Runs {@code action} (labelled {@code label} in the trace) {@code delay} from now: a restart, a config change... */
    public void schedule(Duration delay, String label, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        queue.add(new Callback(now.plus(delay), sequence++, label, Objects.requireNonNull(action, "action")));
    }

    /** Puts {@code datagram} on the wire now; the path's fault profile decides whether, when and how often it arrives. */
    public void send(Datagram datagram) {
        sent++;
        trace.add(now, TraceEvent.Kind.SEND, datagram.toString());
        FaultProfile profile = profiles.getOrDefault(
                new Direction(datagram.source().getAddress(), datagram.destination().getAddress()), defaultProfile);
        List<Flight> flights = profile.flights(random);
        if (flights.isEmpty()) {
            dropped++;
            trace.add(now, TraceEvent.Kind.DROP, datagram.toString());
            return;
        }
        enqueue(datagram, flights.getFirst());
        if (flights.size() > 1) {
            duplicated++;
            trace.add(now, TraceEvent.Kind.DUPLICATE, datagram.toString());
            enqueue(datagram.copy(), flights.get(1));
        }
    }

    /** Runs the next event (a delivery, a callback or the earliest host timer), advancing the clock to it; false if none. */
    public boolean step() {
        Optional<Event> next = next();
        next.ifPresent(this::execute);
        return next.isPresent();
    }

    /**
     * Steps until {@code done} holds, nothing is left to do, the next event lies more than {@code limit} ahead of the
     * clock at the call, or {@code maxEvents} events have run, whichever comes first. {@code done} is checked before
     * every event, so a run whose condition already holds runs nothing.
     */
    public RunResult run(Duration limit, long maxEvents, BooleanSupplier done) {
        Instant deadline = now.plus(limit);
        for (long events = 0; ; events++) {
            if (done.getAsBoolean()) {
                return new RunResult(RunResult.Outcome.DONE, now, events);
            }
            if (events >= maxEvents) {
                return new RunResult(RunResult.Outcome.EVENT_LIMIT, now, events);
            }
            Optional<Event> next = next();
            if (next.isEmpty()) {
                return new RunResult(RunResult.Outcome.IDLE, now, events);
            }
            if (next.get().time().isAfter(deadline)) {
                now = deadline;
                return new RunResult(RunResult.Outcome.TIME_LIMIT, now, events);
            }
            execute(next.get());
        }
    }

    /** The virtual clock. */
    public Instant now() {
        return now;
    }

    /** The seed this network was made with, for failure messages. */
    public long seed() {
        return seed;
    }

    /** A snapshot of the counters. */
    public Counters counters() {
        return new Counters(sent, delivered, dropped, duplicated, undeliverable);
    }

    /** The last {@link #TRACE_CAPACITY} events, oldest first. */
    public List<TraceEvent> trace() {
        return trace.events();
    }

    /** Seed, clock, counters and trace, one event a line: the message for a failed assertion. */
    public String describe() {
        return "seed " + seed + ", now " + Duration.between(EPOCH, now) + ", " + counters() + ", last events:\n"
                + trace().stream().map(TraceEvent::toString).collect(Collectors.joining("\n"));
    }

    private void enqueue(Datagram datagram, Flight flight) {
        queue.add(new Delivery(now.plus(flight.delay()), sequence++, datagram));
    }

    private void restore(Direction direction, Optional<FaultProfile> profile) {
        profile.ifPresentOrElse(p -> profiles.put(direction, p), () -> profiles.remove(direction));
    }

    /** The queue's head or the earliest host timer, whichever is due first; the queue wins ties. */
    private Optional<Event> next() {
        Event next = queue.peek();
        for (Attached a : attached) {
            Optional<Instant> due = a.host().nextTimer();
            if (due.isPresent() && (next == null || due.get().isBefore(next.time()))) {
                next = new TimerDue(due.get().isBefore(now) ? now : due.get(), a);
            }
        }
        return Optional.ofNullable(next);
    }

    /** Runs what {@link #next()} just returned: a queued event is the queue's head. */
    private void execute(Event event) {
        now = event.time();
        if (event instanceof Scheduled) {
            queue.poll();
        }
        switch (event) {
            case Delivery d -> deliver(d.datagram());
            case Callback c -> {
                trace.add(now, TraceEvent.Kind.CALLBACK, c.label());
                c.action().run();
            }
            case TimerDue t -> {
                trace.add(now, TraceEvent.Kind.TIMER, t.attached().label());
                t.attached().host().onTimer(now);
            }
        }
    }

    private void deliver(Datagram datagram) {
        Host host = hosts.get(datagram.destination());
        if (host == null) {
            undeliverable++;
            trace.add(now, TraceEvent.Kind.UNDELIVERABLE, datagram.toString());
            return;
        }
        delivered++;
        trace.add(now, TraceEvent.Kind.DELIVER, datagram.toString());
        host.receive(datagram, now);
    }

    /** A host in attach order, labelled by the first address it was attached at. */
    private record Attached(Host host, String label) {}

    private record Direction(InetAddress from, InetAddress to) {}

    private sealed interface Event permits Scheduled, TimerDue {
        Instant time();
    }

    private sealed interface Scheduled extends Event permits Delivery, Callback {
        long sequence();
    }

    private record Delivery(Instant time, long sequence, Datagram datagram) implements Scheduled {}

    private record Callback(Instant time, long sequence, String label, Runnable action) implements Scheduled {}

    private record TimerDue(Instant time, Attached attached) implements Event {}
}
