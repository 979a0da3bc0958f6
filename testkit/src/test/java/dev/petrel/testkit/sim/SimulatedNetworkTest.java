package dev.petrel.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Faults, counters and determinism of {@link SimulatedNetwork}. */
class SimulatedNetworkTest {
    private static final InetSocketAddress A = Recorder.address("192.0.2.1", 500);
    private static final InetSocketAddress B = Recorder.address("192.0.2.2", 500);
    private static final FaultProfile LOSSY =
            new FaultProfile(0.2, 0.1, 0.2, Duration.ofMillis(1), Duration.ofMillis(50));

    /** {@code count} datagrams from A to B, one a millisecond, each carrying its index; B echoes; run to idle. */
    private static SimulatedNetwork exchange(long seed, FaultProfile profile, int count, Recorder[] out) {
        SimulatedNetwork net = new SimulatedNetwork(seed, profile);
        Recorder a = new Recorder(net, false);
        Recorder b = new Recorder(net, true);
        net.attach(A, a);
        net.attach(B, b);
        for (int i = 0; i < count; i++) {
            byte[] payload = ByteBuffer.allocate(4).putInt(i).array();
            net.schedule(Duration.ofMillis(i), "send " + i, () -> net.send(new Datagram(A, B, payload)));
        }
        RunResult result = net.run(Duration.ofMinutes(1), 20 * count + 100, () -> false);
        assertEquals(RunResult.Outcome.IDLE, result.outcome(), net::describe);
        out[0] = a;
        out[1] = b;
        return net;
    }

    private static List<Recorder.Arrival> arrivals(long seed) {
        Recorder[] hosts = new Recorder[2];
        exchange(seed, LOSSY, 200, hosts);
        return hosts[0].arrivals;
    }

    @Test
    void sameSeedSameDeliveries() {
        assertEquals(arrivals(42), arrivals(42));
        Recorder[] x = new Recorder[2];
        Recorder[] y = new Recorder[2];
        assertEquals(exchange(7, LOSSY, 50, x).trace(), exchange(7, LOSSY, 50, y).trace());
    }

    @Test
    void differentSeedsDiffer() {
        assertNotEquals(arrivals(1), arrivals(2));
    }

    @Test
    void lossRateWithinBounds() {
        FaultProfile thirty = new FaultProfile(0.3, 0, 0, Duration.ZERO, Duration.ZERO);
        Counters c = exchange(3, thirty, 10_000, new Recorder[2]).counters();
        // The echoes are sent too: about 10 000 + 7 000 datagrams, 30% of them lost (+-2.5% is over 7 sigma).
        double rate = (double) c.dropped() / c.sent();
        assertTrue(rate > 0.275 && rate < 0.325, "loss rate " + rate + " in " + c);
        assertEquals(c.sent() - c.dropped(), c.delivered());
    }

    @Test
    void duplicatesArriveTwice() {
        FaultProfile dup = new FaultProfile(0, 0.5, 0, Duration.ofMillis(1), Duration.ofMillis(5));
        Recorder[] hosts = new Recorder[2];
        Counters c = exchange(4, dup, 1_000, hosts).counters();
        assertEquals(c.sent() + c.duplicated(), c.delivered(), c::toString);
        double rate = (double) c.duplicated() / c.sent();
        assertTrue(rate > 0.45 && rate < 0.55, "duplication rate " + rate);
        Set<Recorder.Arrival> unique = new HashSet<>();
        long repeats = hosts[1].arrivals.stream().filter(a -> !unique.add(new Recorder.Arrival(Instant.MIN, a.datagram()))).count();
        assertTrue(repeats > 0, "some payload arrived twice at B");
    }

    @Test
    void reorderingOvertakes() {
        FaultProfile fixed = new FaultProfile(0, 0, 0, Duration.ofMillis(10), Duration.ofMillis(10));
        assertEquals(0, inversions(fixed), "a fixed delay keeps order");
        FaultProfile reorder = new FaultProfile(0, 0, 0.2, Duration.ofMillis(10), Duration.ofMillis(10));
        assertTrue(inversions(reorder) > 10, "reordered datagrams are overtaken");
    }

    private static long inversions(FaultProfile profile) {
        Recorder[] hosts = new Recorder[2];
        exchange(5, profile, 500, hosts);
        List<Integer> order = hosts[1].arrivals.stream().map(a -> ByteBuffer.wrap(a.datagram().payload()).getInt()).toList();
        long inversions = 0;
        for (int i = 1; i < order.size(); i++) {
            inversions += order.get(i) < order.get(i - 1) ? 1 : 0;
        }
        return inversions;
    }

    @Test
    void delaysStayInRange() {
        FaultProfile profile = new FaultProfile(0, 0, 0, Duration.ofMillis(20), Duration.ofMillis(80));
        Recorder[] hosts = new Recorder[2];
        exchange(6, profile, 300, hosts);
        for (Recorder.Arrival a : hosts[1].arrivals) {
            Instant sent = SimulatedNetwork.EPOCH.plusMillis(ByteBuffer.wrap(a.datagram().payload()).getInt());
            Duration delay = Duration.between(sent, a.time());
            assertTrue(delay.compareTo(Duration.ofMillis(20)) >= 0 && delay.compareTo(Duration.ofMillis(80)) <= 0,
                    "delay " + delay);
        }
    }

    @Test
    void everyCopyIsAccountedForOverManySeeds() {
        for (long seed = 0; seed < 1_000; seed++) {
            FaultProfile profile = FaultProfile.upTo(0.3, Duration.ofMillis(100), new SplittableRandom(seed));
            Counters c = exchange(seed, profile, 20, new Recorder[2]).counters();
            assertEquals(c.sent() + c.duplicated(), c.delivered() + c.dropped() + c.undeliverable(), "seed " + seed);
        }
    }

    @Test
    void sameInstantDeliveriesKeepSendOrder() {
        SimulatedNetwork net = new SimulatedNetwork(8, FaultProfile.NONE);
        Recorder b = new Recorder(net, false);
        net.attach(B, b);
        for (int i = 0; i < 5; i++) {
            net.send(new Datagram(A, B, new byte[] {(byte) i}));
        }
        net.run(Duration.ofSeconds(1), 100, () -> false);
        assertEquals(List.of(0, 1, 2, 3, 4), b.firstBytes());
        assertEquals(SimulatedNetwork.EPOCH, net.now());
    }

    @Test
    void partitionDropsThenHeals() {
        SimulatedNetwork net = new SimulatedNetwork(9, FaultProfile.NONE);
        Recorder b = new Recorder(net, false);
        net.attach(B, b);
        net.partition(A.getAddress(), B.getAddress(), Duration.ofSeconds(5));
        net.send(new Datagram(A, B, new byte[] {1}));
        net.schedule(Duration.ofSeconds(6), "late send", () -> net.send(new Datagram(A, B, new byte[] {2})));
        net.run(Duration.ofSeconds(10), 100, () -> false);
        assertEquals(List.of(2), b.firstBytes(), net::describe);
        assertEquals(1, net.counters().dropped());
    }

    @Test
    void perDirectionProfile() {
        SimulatedNetwork net = new SimulatedNetwork(10, FaultProfile.NONE);
        Recorder a = new Recorder(net, false);
        Recorder b = new Recorder(net, false);
        net.attach(A, a);
        net.attach(B, b);
        net.setProfile(A.getAddress(), B.getAddress(), FaultProfile.DROP_ALL);
        net.send(new Datagram(A, B, new byte[] {1}));
        net.send(new Datagram(B, A, new byte[] {2}));
        net.clearProfile(A.getAddress(), B.getAddress());
        net.send(new Datagram(A, B, new byte[] {3}));
        net.run(Duration.ofSeconds(1), 100, () -> false);
        assertEquals(List.of(2), a.firstBytes());
        assertEquals(List.of(3), b.firstBytes());
    }

    @Test
    void undeliverableIsCountedAndTraced() {
        SimulatedNetwork net = new SimulatedNetwork(11, FaultProfile.NONE);
        net.send(new Datagram(A, B, new byte[3]));
        net.run(Duration.ofSeconds(1), 10, () -> false);
        assertEquals(new Counters(1, 0, 0, 0, 1), net.counters());
        assertEquals(TraceEvent.Kind.UNDELIVERABLE, net.trace().getLast().kind());
    }

    @Test
    void traceIsBoundedAndDescribed() {
        Recorder[] hosts = new Recorder[2];
        SimulatedNetwork net = exchange(12, LOSSY, 500, hosts);
        assertEquals(SimulatedNetwork.TRACE_CAPACITY, net.trace().size());
        String text = net.describe();
        assertTrue(text.startsWith("seed 12, "), text);
        assertEquals(SimulatedNetwork.TRACE_CAPACITY + 1, text.lines().count());
    }

    @Test
    void addressesAttachOnce() {
        SimulatedNetwork net = new SimulatedNetwork(13, FaultProfile.NONE);
        Recorder a = new Recorder(net, false);
        net.attach(A, a);
        net.attach(Recorder.address("192.0.2.1", 4500), a);
        assertThrows(IllegalArgumentException.class, () -> net.attach(A, new Recorder(net, false)));
    }

    @Test
    void sendersMayReuseTheirBuffer() {
        SimulatedNetwork net = new SimulatedNetwork(14, FaultProfile.NONE);
        Recorder b = new Recorder(net, false);
        net.attach(B, b);
        byte[] buffer = {1};
        net.send(new Datagram(A, B, buffer));
        buffer[0] = 9;
        net.run(Duration.ofSeconds(1), 10, () -> false);
        assertEquals(List.of(1), b.firstBytes());
    }
}
