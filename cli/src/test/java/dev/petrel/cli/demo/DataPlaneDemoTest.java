package dev.petrel.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataPlaneDemoTest {
    @Test
    void everyScenarioDeliversAndRejectsReplayAndTampering() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new DataPlaneDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, report);
        assertEquals(5, count(report, "dropped: REPLAY"), report);
        assertEquals(5, count(report, "dropped: INTEGRITY"), report);
        assertEquals(10, count(report, "accepted: the same"), report);
        assertTrue(report.contains("=> DISCARD (policy default-discard)"), report);
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
