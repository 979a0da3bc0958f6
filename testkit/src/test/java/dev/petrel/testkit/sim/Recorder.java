package dev.petrel.testkit.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A test host that records what it receives and when its timers fire, and can echo datagrams back. */
final class Recorder implements Host {
    record Arrival(Instant time, Datagram datagram) {}

    private final SimulatedNetwork network;
    private final boolean echo;
    final List<Arrival> arrivals = new ArrayList<>();
    final TreeSet<Instant> timers = new TreeSet<>();
    final List<Instant> fired = new ArrayList<>();

    Recorder(SimulatedNetwork network, boolean echo) {
        this.network = network;
        this.echo = echo;
    }

    static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    @Override
    public void receive(Datagram datagram, Instant now) {
        arrivals.add(new Arrival(now, datagram));
        if (echo) {
            network.send(new Datagram(datagram.destination(), datagram.source(), datagram.payload()));
        }
    }

    @Override
    public Optional<Instant> nextTimer() {
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first());
    }

    @Override
    public void onTimer(Instant now) {
        timers.pollFirst();
        fired.add(now);
    }

    /** The first payload byte of every arrival, in arrival order. */
    List<Integer> firstBytes() {
        return arrivals.stream().map(a -> a.datagram().payload()[0] & 0xff).toList();
    }
}
