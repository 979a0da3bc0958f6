package dev.petrel.testkit.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Wireshark's tshark as an independent decoder of the packets our tests write with {@link PcapWriter}. */
public final class Tshark {
    private static final long TIMEOUT_SECONDS = 60;

    private Tshark() {}

    /**
     * Aborts the calling test (reported as skipped, with the reason on stderr) when tshark cannot run here; under CI
     * ({@code CI=true}), where .ci/run installs tshark, its absence fails the test instead.
     */
    public static void assumeInstalled() {
        boolean installed;
        try {
            installed = run(List.of("tshark", "--version")).startsWith("TShark");
        } catch (IOException e) {
            installed = false;
        }
        if (!installed) {
            String why = "SKIPPED: tshark is not installed (apt-get install tshark); the independent decoder check did not run";
            System.err.println(why);
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " under CI, which must install it");
            }
            Assumptions.abort(why);
        }
    }

    /**
     * One row per packet of {@code pcap} with the values of {@code fields} (tshark -T fields; a field absent from a
     * packet is the empty string), after the display filter {@code filter} when it is not empty.
     */
    public static List<List<String>> fields(Path pcap, String filter, String... fields) throws IOException {
        return fields(pcap, List.of(), filter, fields);
    }

    /** As {@link #fields(Path, String, String...)}, with extra tshark options such as {@code -o pref:value}. */
    public static List<List<String>> fields(Path pcap, List<String> options, String filter, String... fields) throws IOException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        command.addAll(options);
        command.addAll(List.of("-T", "fields", "-E", "separator=|"));
        if (!filter.isEmpty()) {
            command.addAll(List.of("-Y", filter));
        }
        for (String f : fields) {
            command.addAll(List.of("-e", f));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(command).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(Arrays.asList(line.split("\\|", -1)));
            }
        }
        return rows;
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
    }
}
