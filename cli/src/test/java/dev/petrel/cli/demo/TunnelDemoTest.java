package dev.petrel.cli.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelDemoTest {
    /** IKE over loopback UDP brings up the CHILD_SA, and every probe crosses ESP in UDP there and back. */
    @ParameterizedTest
    @ValueSource(strings = {"aes128gcm16", "chacha20poly1305", "aes256-sha256"})
    void probesCrossTheTunnelBothWays(String esp) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new TunnelDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8), esp, 300, 1200).run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertTrue(report.contains("300 of 300 probes"), report);
        assertTrue(report.contains("left sent 300 packets"), report);
        assertTrue(report.contains("received 300"), report);
        assertTrue(report.contains("[198.51.100.0/24] === [203.0.113.0/24]"), report);
    }
}
