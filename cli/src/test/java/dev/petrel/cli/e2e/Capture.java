package dev.petrel.cli.e2e;

import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A packet capture with Wireshark's dumpcap on one interface of a namespace, in pcap format, limited by a BPF filter,
 * a packet count and a duration so that it stays small and ends by itself. Read it with testkit's {@code Tshark}.
 */
final class Capture implements AutoCloseable {
    private static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int MAX_SECONDS = 60;

    private final Path file;
    private final Path output;
    private final Process process;

    private Capture(Path file, Path output, Process process) {
        this.file = file;
        this.output = output;
        this.process = process;
    }

    /**
     * Starts capturing on {@code device} in {@code namespace} what {@code filter} (BPF) selects, at most
     * {@code maxPackets} packets of at most {@code snaplen} octets each, into {@code file}; returns once dumpcap
     * captures.
     */
    static Capture start(TestNetwork network, String namespace, String device, String filter, int maxPackets, int snaplen,
            Path file, FailureLogs logs) throws IOException {
        Path output = file.resolveSibling(file.getFileName() + ".dumpcap.txt");
        Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "dumpcap", "-q", "-P", "-i", device,
                "-f", filter, "-s", Integer.toString(snaplen), "-c", Integer.toString(maxPackets),
                "-a", "duration:" + MAX_SECONDS, "-w", file.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        network.register(process);
        logs.add("dumpcap " + filter, output);
        Capture capture = new Capture(file, output, process);
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (!Files.readString(output, StandardCharsets.UTF_8).contains("Capturing on")) {
            if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
                capture.close();
                throw new IOException("dumpcap did not start capturing on " + device + " in " + namespace + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            DaemonProcess.sleep(Duration.ofMillis(10));
        }
        return capture;
    }

    /** Stops the capture (dumpcap finishes the file on SIGTERM) and returns the file. */
    Path finish() throws IOException {
        close();
        if (!Files.exists(file)) {
            throw new IOException("dumpcap wrote no " + file + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        if (!Processes.stop(process.toHandle(), STOP_GRACE)) {
            throw new IOException("dumpcap (pid " + process.pid() + ") did not stop");
        }
    }
}
