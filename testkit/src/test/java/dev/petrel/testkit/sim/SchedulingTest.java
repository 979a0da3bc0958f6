package dev.petrel.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Virtual time in {@link SimulatedNetwork}: timer order, same-instant order, and runs that always end. */
class SchedulingTest {
    private static final InetSocketAddress A = Recorder.address("192.0.2.1", 500);
    private static final InetSocketAddress B = Recorder.address("192.0.2.2", 500);
    private static final Instant T0 = SimulatedNetwork.EPOCH;

    @Test
    void timersFireInOrderAtTheirInstant() {
        SimulatedNetwork net = new SimulatedNetwork(1, FaultProfile.NONE);
        Recorder a = new Recorder(net, false);
        net.attach(A, a);
        a.timers.addAll(List.of(T0.plusSeconds(3), T0.plusSeconds(1), T0.plusSeconds(2)));
        RunResult result = net.run(Duration.ofSeconds(10), 100, () -> false);
        assertEquals(List.of(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3)), a.fired);
        assertEquals(new RunResult(RunResult.Outcome.IDLE, T0.plusSeconds(3), 3), result);
    }

    @Test
    void sameInstantRunsQueueFirstThenHostsInAttachOrder() {
        SimulatedNetwork net = new SimulatedNetwork(2, FaultProfile.NONE);
        List<String> order = new ArrayList<>();
        Host a = named("a", order);
        Host b = named("b", order);
        net.attach(B, b);
        net.attach(A, a);
        net.schedule(Duration.ofSeconds(1), "callback", () -> order.add("callback"));
        net.schedule(Duration.ofSeconds(1), "send", () -> net.send(new Datagram(A, B, new byte[1])));
        net.run(Duration.ofSeconds(5), 100, () -> false);
        assertEquals(List.of("callback", "b receives", "b timer", "a timer"), order);
    }

    /** A host with one timer at T0 + 1 s that logs what happens to it. */
    private static Host named(String name, List<String> order) {
        return new Host() {
            private boolean pending = true;

            @Override
            public void receive(Datagram datagram, Instant now) {
                order.add(name + " receives");
            }

            @Override
            public Optional<Instant> nextTimer() {
                return pending ? Optional.of(T0.plusSeconds(1)) : Optional.empty();
            }

            @Override
            public void onTimer(Instant now) {
                pending = false;
                order.add(name + " timer");
            }
        };
    }

    @Test
    void aTimerThatNeverClearsHitsTheEventLimit() {
        SimulatedNetwork net = new SimulatedNetwork(3, FaultProfile.NONE);
        List<Instant> fired = new ArrayList<>();
        net.attach(A, new Host() {
            @Override
            public void receive(Datagram datagram, Instant now) {}

            @Override
            public Optional<Instant> nextTimer() {
                return Optional.of(T0);
            }

            @Override
            public void onTimer(Instant now) {
                fired.add(now);
            }
        });
        RunResult result = net.run(Duration.ofSeconds(1), 1_000, () -> false);
        assertEquals(RunResult.Outcome.EVENT_LIMIT, result.outcome());
        assertEquals(1_000, fired.size());
    }

    @Test
    void endlessPingPongHitsTheTimeLimit() {
        SimulatedNetwork net = new SimulatedNetwork(4, new FaultProfile(0, 0, 0, Duration.ofMillis(10), Duration.ofMillis(10)));
        net.attach(A, new Recorder(net, true));
        net.attach(B, new Recorder(net, true));
        net.send(new Datagram(A, B, new byte[1]));
        RunResult result = net.run(Duration.ofSeconds(2), 1_000_000, () -> false);
        assertEquals(RunResult.Outcome.TIME_LIMIT, result.outcome());
        assertEquals(T0.plusSeconds(2), net.now());
        assertEquals(200, result.events());
    }

    @Test
    void runStopsWhenDone() {
        SimulatedNetwork net = new SimulatedNetwork(5, new FaultProfile(0, 0, 0, Duration.ofMillis(10), Duration.ofMillis(10)));
        Recorder a = new Recorder(net, true);
        net.attach(A, a);
        net.attach(B, new Recorder(net, true));
        net.send(new Datagram(A, B, new byte[1]));
        RunResult result = net.run(Duration.ofMinutes(1), 1_000_000, () -> a.arrivals.size() == 3);
        assertTrue(result.done());
        assertEquals(T0.plusMillis(60), result.time());
        assertEquals(6, result.events());
        assertEquals(0, net.run(Duration.ofMinutes(1), 10, () -> true).events(), "a met condition runs nothing");
    }

    @Test
    void idleWithNothingToDo() {
        SimulatedNetwork net = new SimulatedNetwork(6, FaultProfile.NONE);
        assertEquals(new RunResult(RunResult.Outcome.IDLE, T0, 0), net.run(Duration.ofSeconds(1), 10, () -> false));
        assertEquals(false, net.step());
    }

    @Test
    void overdueTimerFiresNowAndTheClockNeverGoesBack() {
        SimulatedNetwork net = new SimulatedNetwork(7, FaultProfile.NONE);
        Recorder a = new Recorder(net, false);
        net.attach(A, a);
        net.schedule(Duration.ofSeconds(5), "arm", () -> a.timers.add(T0.plusSeconds(1)));
        net.run(Duration.ofSeconds(10), 10, () -> false);
        assertEquals(List.of(T0.plusSeconds(5)), a.fired);
    }
}
