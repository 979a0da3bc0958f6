package dev.petrel.testkit.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void outputsAndExitCodeAreKeptApart() throws IOException {
        CommandResult r = Commands.run(List.of("sh", "-c", "echo out; echo \"$PETREL_X\" >&2; exit 3"), Map.of("PETREL_X", "err"), WAIT);
        assertEquals(new CommandResult(r.command(), 3, "out\n", "err\n"), r);
        IOException e = assertThrows(IOException.class, r::requireSuccess);
        assertTrue(e.getMessage().contains("exited with 3") && e.getMessage().contains("--- stderr ---\nerr"), e.getMessage());
    }

    @Test
    void aHangingCommandIsStoppedAtTheTimeout() {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Commands.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aDaemonLeftBehindDoesNotHoldTheCaller() throws IOException {
        String pid = Commands.check(WAIT, List.of("sh", "-c", "sleep 30 & echo $!")).strip();
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        assertTrue(Processes.stop(daemon, Duration.ofSeconds(1)));
        assertTrue(Processes.exited(daemon));
    }
}
