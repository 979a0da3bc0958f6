package dev.petrel.testkit.relay;

import static dev.petrel.testkit.relay.FaultRelayTest.CLIENT;
import static dev.petrel.testkit.relay.FaultRelayTest.LISTEN;
import static dev.petrel.testkit.relay.FaultRelayTest.QUIET;
import static dev.petrel.testkit.relay.FaultRelayTest.TARGET;
import static dev.petrel.testkit.relay.FaultRelayTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.sim.FaultProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FaultRelay} as a process of its own, through {@link RelayProcess} and as a bare command line. */
class RelayProcessTest {
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(60);

    @Test
    void theProcessRelaysTakesCommandsAndStopsByPidLeavingNothingBehind() throws IOException {
        try (Peer target = Peer.bind(new InetSocketAddress(TARGET, 0));
             Peer client = Peer.bind(new InetSocketAddress(CLIENT, 0))) {
            InetSocketAddress relayPort = new InetSocketAddress(LISTEN, target.port());
            RelayProcess relay = RelayProcess.start(RelayOptions.of(LISTEN, TARGET, List.of(target.port()), FaultProfile.NONE));
            ProcessHandle handle = ProcessHandle.of(relay.pid()).orElseThrow();
            try (relay) {
                assertEquals("ready listen=127.0.61.1 target=127.0.61.2 ports=" + target.port() + " seed=1", relay.ready());
                client.send(relayPort, 1);
                assertEquals(relayPort, target.receive(WAIT).orElseThrow().from());
                target.send(relayPort, -1);
                assertEquals(-1, client.receive(WAIT).orElseThrow().number());

                relay.cut();
                client.send(relayPort, 2);
                target.send(relayPort, -2);
                assertEquals(List.of(), target.receive(1, QUIET));
                assertEquals(List.of(), client.receive(1, QUIET));
                relay.heal();

                relay.profile(Direction.FORWARD, new FaultProfile(0, 1, 0, Duration.ofMillis(1), Duration.ofMillis(1)));
                client.send(relayPort, 3);
                assertEquals(2, target.receive(2, QUIET).size());
                relay.profile(FaultProfile.DROP_ALL);
                client.send(relayPort, 4);
                assertEquals(List.of(), target.receive(1, QUIET));

                RelayStats stats = FaultRelayTest.await(relay::stats, s -> s.forward().received() == 4
                        && s.forward().dropped() == 2);
                assertEquals(new TrafficStats(4, 3, 2, 1, 0, 2, 0, 0), stats.forward(), stats::line);
                assertEquals(new TrafficStats(2, 1, 1, 0, 0, 0, 0, 0), stats.backward(), stats::line);
                assertEquals("", relay.errors());
            }
            assertTrue(Processes.exited(handle), "relay pid " + handle.pid() + " still runs");
            assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == handle.pid()));
            Peer.bind(relayPort).close();
        }
    }

    @Test
    void quitAndTheEndOfInputBothExitWithZero() throws IOException {
        int port;
        try (Peer target = Peer.bind(new InetSocketAddress(TARGET, 0))) {
            port = target.port();
            RelayOptions options = RelayOptions.of(LISTEN, TARGET, List.of(port), FaultProfile.NONE);
            try (RelayProcess relay = RelayProcess.start(options)) {
                assertEquals(0, relay.quit());
            }
            CommandResult eof = Commands.run(RelayProcess.command(options), Map.of(), COMMAND_WAIT);
            assertEquals(0, eof.exitCode(), eof::output);
            assertTrue(eof.stdout().startsWith("ready listen=127.0.61.1"), eof::output);
        }
    }

    @Test
    void badArgumentsExitWithTwoNamingTheOptionAndValue() throws IOException {
        List<String> args = new ArrayList<>(List.of("--listen", "127.0.61.1", "--target", "127.0.61.2", "--ports", "24500"));
        args.addAll(List.of("--loss", "0.1", "--forward-duplication", "2"));
        CommandResult r = Commands.run(RelayProcess.command(args), Map.of(), COMMAND_WAIT);
        assertEquals(2, r.exitCode(), r::output);
        assertTrue(r.stderr().startsWith("FaultRelay: --forward-duplication 2 is not a rate within [0, 1]\nusage: "),
                r::output);
        assertEquals("", r.stdout());
    }

    @Test
    void aPortItCannotBindFailsTheStartWithTheRelaysReason() throws IOException {
        try (Peer target = Peer.bind(new InetSocketAddress(TARGET, 0));
             Peer squatter = Peer.bind(new InetSocketAddress(LISTEN, target.port()))) {
            IOException e = assertThrows(IOException.class, () -> RelayProcess.start(
                    RelayOptions.of(LISTEN, TARGET, List.of(target.port()), FaultProfile.NONE)));
            assertTrue(e.getMessage().contains("ended its output before the ready line (it exited with 1)")
                    && e.getMessage().contains("FaultRelay: cannot bind /127.0.61.1:" + target.port()), e.getMessage());
        }
    }

    @Test
    void everyLineIsAnsweredAndBadOnesSayWhy(@TempDir Path dir) throws IOException, InterruptedException {
        try (Peer target = Peer.bind(new InetSocketAddress(TARGET, 0))) {
            Path input = Files.writeString(dir.resolve("commands"), "bogus\nprofile 2 0 0 0 0\n\nprofile backward 0.5 0 0 1 2\n"
                    + "cut\nheal\nstats\nquit\nstats\n", StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(RelayProcess.command(
                    RelayOptions.of(LISTEN, TARGET, List.of(target.port()), FaultProfile.NONE)))
                    .redirectInput(input.toFile()).redirectError(dir.resolve("err").toFile()).start();
            List<String> lines = p.inputReader(StandardCharsets.UTF_8).lines().toList();
            assertTrue(p.waitFor(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals(List.of("ready listen=127.0.61.1 target=127.0.61.2 ports=" + target.port() + " seed=1",
                    "error unknown command 'bogus' (profile, cut, heal, stats or quit)",
                    "error loss 2 is not a rate within [0, 1]", "ok", "ok", "ok",
                    new RelayStats(zero(), zero(), 0).line(), "ok"), lines);
        }
    }

    private static TrafficStats zero() {
        return new TrafficStats(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
