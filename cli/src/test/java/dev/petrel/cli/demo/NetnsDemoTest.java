package dev.petrel.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetnsDemoTest {
    /**
     * Two daemons (child JVMs) in namespaces of the demo's own: the tunnel comes up, carries three pings, both sides
     * list it, and afterwards no daemon, namespace or temporary folder is left. Needs root, namespaces and TUN;
     * skipped loudly without them (a failure under CI=true).
     */
    @Test
    void pingCrossesTheTunnelAndNothingIsLeftBehind() throws Exception {
        Skip.unless(NetnsDemo.unavailableReason().or(TestNetwork::unavailableReason));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NetnsDemo demo = new NetnsDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8), "aes128gcm16");

        boolean ok = demo.run();

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertTrue(report.contains("initiate completed successfully"), report);
        assertTrue(report.contains("3 packets transmitted, 3 received"), report);
        assertEquals(2, report.lines().filter(l -> l.startsWith("demo: #1, ESTABLISHED")).count(), report);
        assertEquals(2, report.lines().filter(l -> l.contains(", INSTALLED, TUNNEL, ESP:AES_GCM_16-128")).count(), report);
        assertTrue(report.contains("    in  ") && !report.contains("0 bytes,     0 packets"), "the pings were counted: " + report);

        assertEquals(2, demo.daemonPids().size(), report);
        for (long pid : demo.daemonPids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "daemon " + pid + " still runs");
        }
        String namespaces = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        for (String ns : demo.namespaceNames()) {
            assertFalse(Files.exists(Path.of("/run/netns", ns)), ns + " left behind");
            assertFalse(namespaces.lines().anyMatch(l -> l.split(" ")[0].equals(ns)), ns + " left behind: " + namespaces);
        }
        Path work = demo.workDir().orElseThrow();
        assertFalse(Files.exists(work), work + " left behind");
        assertTrue(report.contains("== cleaned up: "), report);
    }
}
