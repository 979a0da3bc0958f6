package dev.petrel.testkit.relay;

import dev.petrel.testkit.sim.FaultProfile;
import dev.petrel.testkit.sim.Flight;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * The faults a relay applies, shared by all its ports: each direction's profile and counters, the cut, and the delay
 * line. A datagram's fate is drawn from the generator its port keeps for that direction (see
 * {@link FaultProfile#flights}); a copy without delay leaves at once from the receiving thread.
 */
final class Link implements AutoCloseable {
    private final Map<Direction, FaultProfile> profiles = new EnumMap<>(Direction.class);
    private final Map<Direction, TrafficCounters> counters = new EnumMap<>(Direction.class);
    private final LongAdder unrouted = new LongAdder();
    private final DelayLine delayLine;
    private volatile boolean cut;

    Link(RelayOptions options) {
        for (Direction d : Direction.values()) {
            profiles.put(d, options.profile(d));
            counters.put(d, new TrafficCounters());
        }
        this.delayLine = new DelayLine(options.queue());
    }

    synchronized void profile(Direction direction, FaultProfile profile) {
        profiles.put(direction, Objects.requireNonNull(profile, "profile"));
    }

    synchronized FaultProfile profile(Direction direction) {
        return profiles.get(direction);
    }

    void cut(boolean cut) {
        this.cut = cut;
    }

    boolean isCut() {
        return cut;
    }

    RelayStats stats() {
        return new RelayStats(counters.get(Direction.FORWARD).snapshot(), counters.get(Direction.BACKWARD).snapshot(),
                unrouted.sum());
    }

    /** Counts a datagram from the target that arrived before any client sent to its port. */
    void unrouted() {
        unrouted.increment();
    }

    /** Sends {@code payload} from {@code channel} to {@code to} as the direction's profile (or the cut) says. */
    void pass(Direction direction, DatagramChannel channel, InetSocketAddress to, byte[] payload, RandomGenerator random) {
        TrafficCounters c = counters.get(direction);
        c.received.increment();
        if (cut) {
            c.dropped.increment();
            return;
        }
        List<Flight> flights = profile(direction).flights(random);
        if (flights.isEmpty()) {
            c.dropped.increment();
            return;
        }
        if (flights.size() > 1) {
            c.duplicated.increment();
        }
        for (Flight flight : flights) {
            if (flight.reordered()) {
                c.reordered.increment();
            }
            if (flight.delay().isZero()) {
                send(direction, channel, to, payload);
            } else if (delayLine.offer(flight.delay(), () -> sendUnlessCut(direction, channel, to, payload))) {
                c.delayed.increment();
            } else {
                c.overflow.increment();
            }
        }
    }

    /** A delayed copy that comes due during a cut is lost with the link. */
    private void sendUnlessCut(Direction direction, DatagramChannel channel, InetSocketAddress to, byte[] payload) {
        if (cut) {
            counters.get(direction).dropped.increment();
        } else {
            send(direction, channel, to, payload);
        }
    }

    private void send(Direction direction, DatagramChannel channel, InetSocketAddress to, byte[] payload) {
        TrafficCounters c = counters.get(direction);
        try {
            channel.send(ByteBuffer.wrap(payload), to);
            c.forwarded.increment();
        } catch (IOException e) {
            c.failed.increment();
            if (c.failureReported.compareAndSet(false, true)) {
                System.err.println("FaultRelay: " + direction.word() + " send of " + payload.length + " octets to " + to
                        + " failed: " + e + " (further failures are only counted)");
            }
        }
    }

    /** Stops the delay line; what still waits in it is not sent. */
    @Override
    public void close() {
        delayLine.close();
    }
}
