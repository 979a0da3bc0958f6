package dev.petrel.testkit.pcap;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs Wireshark's tshark as an independent decoder of the packets our tests write with {@link PcapWriter}. */
public final class Tshark {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
        Skip.unless(installed ? Optional.empty() : Optional.of(
                "tshark is not installed (apt-get install tshark); the independent decoder check did not run"));
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
        return Commands.run(command, Map.of(), TIMEOUT).requireSuccess();
    }
}
