package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.pcap.Tshark;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Traffic through a tunnel between the left and right host of a {@link TestNetwork}, watched on the left veth: ping
 * and a short iperf3 TCP run between the inner addresses, while dumpcap records what crosses the link; then tshark
 * (as an independent decoder) must find ESP (in UDP 4500 or raw) or AH both ways, and no ICMP or TCP between the
 * inner addresses outside it (AH carries its payload in the clear, signed).
 */
final class Traffic {
    static final int PINGS = 3;
    static final int IPERF_SECONDS = 2;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration IPERF_TIMEOUT = Duration.ofSeconds(IPERF_SECONDS + 20);
    private static final Duration SERVER_WAIT = Duration.ofSeconds(10);
    private static final int ESP_SAMPLE = 200;
    private static final int PLAINTEXT_LIMIT = 1000;
    private static final int SNAPLEN = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestNetwork network;
    private final Tunnel tunnel;
    private final Path dir;
    private final FailureLogs logs;

    Traffic(TestNetwork network, Tunnel tunnel, Path dir, FailureLogs logs) {
        this.network = network;
        this.tunnel = tunnel;
        this.dir = dir;
        this.logs = logs;
    }

    /**
     * Skips the calling test loudly (fails it under CI=true) unless ping, iperf3, dumpcap and tshark are installed.
     */
    static void assumeToolsInstalled() {
        Tshark.assumeInstalled();
        List<String> missing = Stream.of("ping", "iperf3", "dumpcap").filter(tool -> Stream.of(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))).toList();
        Skip.unless(missing.isEmpty() ? Optional.empty() : Optional.of(missing + " not installed (apt-get install "
                + "iputils-ping iperf3 tshark); the end-to-end traffic checks did not run"));
    }

    /** Pings from the left inner address to the right one and asserts that every echo came back. */
    void ping() throws IOException {
        InetAddress from = tunnel.leftInner();
        InetAddress to = tunnel.rightInner();
        // -w: wait for every reply up to a deadline; with -W alone ping gives the last one only two round trips
        CommandResult ping = Commands.run(List.of("ip", "netns", "exec", network.left(), "ping", "-n", "-c",
                Integer.toString(PINGS), "-i", "0.05", "-w", "10", "-I", from.getHostAddress(), to.getHostAddress()),
                Map.of(), PING_TIMEOUT);
        assertTrue(ping.stdout().contains(PINGS + " received"),
                "ping " + from.getHostAddress() + " -> " + to.getHostAddress() + " through the tunnel:" + ping.output());
    }

    /**
     * A {@value #IPERF_SECONDS}-second iperf3 TCP run from the left inner address to a one-off server on the right
     * one; asserts that data was sent and received and returns the octets received.
     */
    long iperf() throws IOException {
        String server = tunnel.rightInner().getHostAddress();
        Path serverLog = dir.resolve("iperf3-server.log");
        Process process = new ProcessBuilder("ip", "netns", "exec", network.right(), "iperf3", "-s", "-1", "--forceflush",
                "-B", server)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(serverLog.toFile())
                .start();
        network.register(process);
        logs.add("iperf3 server", serverLog);
        try {
            long deadline = System.nanoTime() + SERVER_WAIT.toNanos();
            while (!Files.readString(serverLog, StandardCharsets.UTF_8).contains("Server listening")) {
                if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
                    throw new IOException("the iperf3 server did not listen:\n" + Files.readString(serverLog, StandardCharsets.UTF_8));
                }
                DaemonProcess.sleep(Duration.ofMillis(10));
            }
            CommandResult client = Commands.run(List.of("ip", "netns", "exec", network.left(), "iperf3", "-J",
                    "--connect-timeout", "3000", "-t", Integer.toString(IPERF_SECONDS), "-c", server,
                    "-B", tunnel.leftInner().getHostAddress()), Map.of(), IPERF_TIMEOUT);
            JsonNode result = JSON.readTree(client.stdout().isBlank() ? "{}" : client.stdout());
            assertEquals(0, client.exitCode(), "iperf3 client:" + client.output());
            long sent = result.path("end").path("sum_sent").path("bytes").asLong();
            long received = result.path("end").path("sum_received").path("bytes").asLong();
            assertTrue(sent > 0 && received > 0, "iperf3 moved no data: sent " + sent + ", received " + received + ", error "
                    + result.path("error").asText());
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new IOException("the one-off iperf3 server did not exit after the run");
            }
            return received;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Processes.stop(process.toHandle(), Duration.ofSeconds(2));
        }
    }

    /**
     * Captures on the left veth while {@code traffic} runs, then asserts with tshark that ESP in UDP 4500 crossed
     * both ways between the outer addresses and that no packet between the inner addresses crossed in the clear.
     */
    void watch(ThrowingRunnable traffic) throws Exception {
        String leftInner = tunnel.leftInner().getHostAddress();
        String rightInner = tunnel.rightInner().getHostAddress();
        String proto = tunnel.protocolName();
        String number = tunnel.ah() ? "51" : "50";
        String filter = tunnel.encap() ? "udp port 4500" : "ip proto " + number + " or ip6 proto " + number;
        try (Capture sa = Capture.start(network, network.left(), network.left(), filter, ESP_SAMPLE, SNAPLEN,
                dir.resolve(proto + ".pcap"), logs);
             Capture plain = Capture.start(network, network.left(), network.left(),
                     "host " + leftInner + " or host " + rightInner, PLAINTEXT_LIMIT, SNAPLEN, dir.resolve("plain.pcap"), logs)) {
            traffic.run();
            Path saFile = sa.finish();
            Path plainFile = plain.finish();
            CompletableFuture<List<List<String>>> saRows = tshark(saFile, proto,
                    "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", proto + ".spi");
            CompletableFuture<List<List<String>>> plainRows = tshark(plainFile, "",
                    "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst");
            assertProtectedBothWays(join(saRows));
            List<List<String>> clear = join(plainRows);
            assertEquals(List.of(), clear.stream().filter(r -> r.getFirst().matches(".*:(icmp|icmpv6|tcp)(:.*)?")
                    && !r.getFirst().contains(":ah:")).toList(),
                    "plaintext ICMP or TCP between " + leftInner + " and " + rightInner + " on the link");
            if (!tunnel.transport()) {
                assertEquals(List.of(), clear, "packets to or from the inner addresses on the link");
            }
        }
    }

    private void assertProtectedBothWays(List<List<String>> rows) {
        InetAddress left = tunnel.leftOuter();
        InetAddress right = tunnel.rightOuter();
        int src = tunnel.ipv6Outer() ? 2 : 0;
        String port = tunnel.encap() ? "4500" : "";
        long out = rows.stream().filter(r -> is(r.get(src), left) && is(r.get(src + 1), right)
                && r.get(5).equals(port) && !r.get(6).isEmpty()).count();
        long in = rows.stream().filter(r -> is(r.get(src), right) && is(r.get(src + 1), left)
                && r.get(4).equals(port) && !r.get(6).isEmpty()).count();
        assertTrue(out >= PINGS && in >= PINGS, "tshark decoded " + out + " " + tunnel.protocolName() + " packets "
                + left.getHostAddress() + " -> " + right.getHostAddress() + " and " + in + " back"
                + (tunnel.encap() ? " in UDP 4500" : " raw") + " (want at least " + PINGS + " each way); first rows: "
                + rows.subList(0, Math.min(10, rows.size())));
    }

    /** Whether tshark's text {@code field} is {@code address}: the first value, the outer header's, when it lists several. */
    private static boolean is(String field, InetAddress address) {
        return !field.isEmpty() && InetAddress.ofLiteral(field.split(",")[0]).equals(address);
    }

    private static CompletableFuture<List<List<String>>> tshark(Path pcap, String filter, String... fields) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Tshark.fields(pcap, filter, fields);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
