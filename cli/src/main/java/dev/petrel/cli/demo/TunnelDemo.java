package dev.petrel.cli.demo;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.Gateway;
import dev.petrel.gateway.dataplane.ChildOptions;
import dev.petrel.gateway.dataplane.ChildTraffic;
import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.status.AlgorithmNames;
import dev.petrel.gateway.udp.ChannelOuterPort;
import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.engine.Event;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.wire.ike.ProtocolId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code petrel demo}: two gateways in one JVM on loopback UDP, no root and no TUN. Left (127.0.0.1) initiates IKEv2
 * with a pre-shared key to right (127.0.0.2), which installs a CHILD_SA for 198.51.100.0/24 === 203.0.113.0/24
 * with ESP in UDP; then a host behind left sends UDP probes through the tunnel to a host behind right, which echoes
 * them back, and the demo reports the algorithms, SPIs, packets, bytes and round trips.
 */
public final class TunnelDemo {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final byte[] DEMO_PSK = "petrel-demo-only-never-reuse".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long SETUP_MILLIS = 10_000;

    private final PrintStream out;
    private final String esp;
    private final int count;
    private final int size;

    public TunnelDemo(PrintStream out, String esp, int count, int size) {
        this.out = out;
        this.esp = esp;
        this.count = count;
        this.size = size;
    }

    /** Runs the demo; true when the tunnel came up and every probe came back. */
    public boolean run() throws IOException, InterruptedException {
        InetAddress left = InetAddress.getByName("127.0.0.1");
        InetAddress right = InetAddress.getByName("127.0.0.2");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            EngineSettings.Ports ports = freePorts(left, right);
            EngineSettings settings = EngineSettings.DEFAULTS.withPorts(ports);
            ProbePort probe = new ProbePort(InetAddress.getByName("198.51.100.10").getAddress(),
                    InetAddress.getByName("203.0.113.20").getAddress(), size);
            List<String> failures = new ArrayList<>();
            Gateway l = gateway(open, settings, config("left", left, right, "198.51.100.0/24", "203.0.113.0/24"), probe, failures);
            Gateway r = gateway(open, settings, config("right", right, left, "203.0.113.0/24", "198.51.100.0/24"), new EchoPort(), failures);
            out.printf("Petrel demo: two gateways on loopback UDP, IKE port %d, NAT-T port %d%n", ports.ike(), ports.natTraversal());
            long start = System.nanoTime();
            l.ike().act(e -> e.initiate("demo", "net", new Endpoint(left, ports.ike()), new Endpoint(right, ports.ike()), Instant.now())).join();
            IkeSaView sa = awaitChild(l.ike(), failures);
            if (sa == null) {
                out.println("  the tunnel did not come up: " + (failures.isEmpty() ? "timeout" : String.join("; ", failures)));
                return false;
            }
            out.printf("  IKE SA up in %.1f ms: %s, %s <-> %s%n", (System.nanoTime() - start) / 1e6,
                    AlgorithmNames.of(sa.suite()), sa.local(), sa.remote());
            ChildSa child = sa.children().getFirst();
            out.printf("  CHILD_SA %s: ESP in UDP, %s, SPIs in %08x out %08x, %s === %s%n", child.name(),
                    AlgorithmNames.of(child.suite().transforms()), child.inboundSpi(), child.outboundSpi(),
                    child.localTs(), child.remoteTs());
            long t0 = System.nanoTime();
            probe.probe(count, 64, 20_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] rtt = probe.roundTrips();
            ChildTraffic traffic = l.dataPlane().traffic(child.inboundSpi()).orElseThrow();
            out.printf("  %d of %d probes of %d octets came back in %.2f s (%.0f round trips/s)%n", rtt.length, count, size,
                    seconds, rtt.length / seconds);
            out.printf("  left sent %d packets (%d octets) and received %d (%d octets) through ESP%n",
                    traffic.packetsOut(), traffic.bytesOut(), traffic.packetsIn(), traffic.bytesIn());
            if (rtt.length > 0) {
                out.printf(Locale.ROOT, "  round trip: min %.3f ms, median %.3f ms, p99 %.3f ms, max %.3f ms%n", rtt[0] / 1e6,
                        rtt[rtt.length / 2] / 1e6, rtt[(int) (rtt.length * 0.99)] / 1e6, rtt[rtt.length - 1] / 1e6);
            }
            return rtt.length == count;
        } finally {
            for (AutoCloseable c : open.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    out.println("  closing: " + e);
                }
            }
        }
    }

    private Gateway gateway(List<AutoCloseable> open, EngineSettings settings, IkeConfig config, InnerPort inner,
                            List<String> failures) throws IOException {
        List<DatagramChannel> ike = UdpIkeEndpoint.bind(List.of(config.localAddress()), settings.ports().ike());
        ike.forEach(open::add);
        ChannelOuterPort natT = new ChannelOuterPort(
                UdpIkeEndpoint.bind(List.of(config.localAddress()), settings.ports().natTraversal()).getFirst());
        open.add(natT);
        IkeEngine engine = new IkeEngine(settings, List.of(config), new SecureRandom());
        Gateway g = new Gateway(engine, ike, natT, inner, install -> ChildOptions.DEFAULTS, action -> {
            if (action instanceof Event(NegotiationFailed f)) {
                failures.add(config.name() + ": " + f.explanation());
            }
        }, (e, connection, child, now) -> List.of()); // the demo's children have no trap policy
        open.add(g);
        return g;
    }

    private IkeConfig config(String name, InetAddress local, InetAddress remote, String localNet, String remoteNet) {
        ChildConfig child = new ChildConfig("net", List.of(TrafficSelector.subnet(localNet)), List.of(TrafficSelector.subnet(remoteNet)),
                ProposalParser.parseList(esp, ProtocolId.ESP), Mode.TUNNEL, 64);
        String other = name.equals("left") ? "right" : "left";
        return new IkeConfig("demo", local, remote, ProposalParser.parseList(IKE, ProtocolId.IKE),
                Identity.parse(name + ".petrel.test"), new PreSharedKey(DEMO_PSK), IdentityMatcher.parse(other + ".petrel.test"),
                new PreSharedKey(DEMO_PSK), List.of(child), true);
    }

    /** Waits until the initiator's IKE SA is established with its CHILD_SA, or failed. */
    private static IkeSaView awaitChild(UdpIkeEndpoint ike, List<String> failures) throws InterruptedException {
        long deadline = System.nanoTime() + SETUP_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline && failures.isEmpty()) {
            for (IkeSaView sa : ike.query(IkeEngine::sas).join()) {
                if (sa.state() == IkeSaState.ESTABLISHED && !sa.children().isEmpty()) {
                    return sa;
                }
            }
            Thread.sleep(5);
        }
        return null;
    }

    /** Two unprivileged ports free on both loopback addresses. */
    private static EngineSettings.Ports freePorts(InetAddress left, InetAddress right) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            EngineSettings.Ports ports = new EngineSettings.Ports(base, base + 1);
            try (DatagramChannel a = DatagramChannel.open().bind(new java.net.InetSocketAddress(left, base));
                 DatagramChannel b = DatagramChannel.open().bind(new java.net.InetSocketAddress(left, base + 1));
                 DatagramChannel c = DatagramChannel.open().bind(new java.net.InetSocketAddress(right, base));
                 DatagramChannel d = DatagramChannel.open().bind(new java.net.InetSocketAddress(right, base + 1))) {
                return ports;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two free UDP ports on loopback after 20 tries");
    }
}
