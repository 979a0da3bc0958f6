package dev.petrel.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.gateway.control.ControlJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {
    private static final LoadReport REPORT = new LoadReport("192.0.2.2:500 from 1 socket, PSK", 1000, 997, 3, 0, 2.5,
            398.8, new LoadReport.Latency(12.345, 15.0, 20.5, 31.0),
            List.of(new LoadReport.FailureCount("TIMEOUT", 2, "no IKE SA within 10000 ms"),
                    new LoadReport.FailureCount("AUTHENTICATION", 1, "the responder answered AUTHENTICATION_FAILED")),
            new LoadReport.Deletes(997, 996, 0));

    @Test
    void textSaysRateLatencyFailuresAndDeletes() {
        StringWriter out = new StringWriter();
        REPORT.print(new PrintWriter(out));
        assertEquals("""
                petrel load: 192.0.2.2:500 from 1 socket, PSK
                handshakes: 1000 started, 997 succeeded, 3 failed, 0 unfinished in 2.500 s
                rate:       398.8 handshakes/s
                latency:    p50 12.35 ms, p90 15.00 ms, p99 20.50 ms, max 31.00 ms
                failed:     TIMEOUT 2 (first: no IKE SA within 10000 ms)
                failed:     AUTHENTICATION 1 (first: the responder answered AUTHENTICATION_FAILED)
                deletes:    997 requested, 996 answered
                """, out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void withoutSuccessesThereIsNoLatencyLine() {
        StringWriter out = new StringWriter();
        new LoadReport("x", 2, 0, 2, 0, 0.1, 0, null, List.of(new LoadReport.FailureCount("TIMEOUT", 2, "e")),
                new LoadReport.Deletes(0, 0, 0)).print(new PrintWriter(out));
        assertEquals(List.of("petrel load: x", "handshakes: 2 started, 0 succeeded, 2 failed, 0 unfinished in 0.100 s",
                "rate:       0.0 handshakes/s", "failed:     TIMEOUT 2 (first: e)"), out.toString().lines().toList());
    }

    @Test
    void jsonRoundTrips() throws Exception {
        String json = ControlJson.pretty(REPORT);
        assertEquals(REPORT, new ObjectMapper().readValue(json, LoadReport.class));
        assertEquals(398.8, new ObjectMapper().readTree(json).get("handshakesPerSecond").asDouble());
        assertEquals(20.5, new ObjectMapper().readTree(json).get("latencyMs").get("p99").asDouble());
    }
}
