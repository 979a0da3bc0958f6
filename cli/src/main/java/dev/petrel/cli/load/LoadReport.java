package dev.petrel.cli.load;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What one run of {@code petrel load} measured. The rate counts the handshakes that succeeded over the time from the
 * first initiation to the last handshake's end (success or failure), or to the duration cap.
 *
 * @param setup what was driven: target, authentication, proposals, concurrency
 * @param started handshakes initiated
 * @param unfinished handshakes still under way when the duration cap ended the run (neither success nor failure)
 * @param latencyMs from sending IKE_SA_INIT to the established IKE SA (and its CHILD_SA), of those that succeeded;
 *     null when none did
 * @param failures by reason, most frequent first, each with the first explanation seen
 * @param deletes the IKE SAs deleted after they were established, and how many DELETEs the responder answered
 */
public record LoadReport(String setup, long started, long succeeded, long failed, long unfinished, double seconds,
        double handshakesPerSecond, Latency latencyMs, List<FailureCount> failures, Deletes deletes) {
    public LoadReport {
        failures = List.copyOf(failures);
    }

    /** Nearest-rank percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double max) {}

    /** A reason (the engine's {@code NegotiationFailed.Failure}, or this tool's own) and how often it happened. */
    public record FailureCount(String reason, long count, String example) {}

    /**
     * @param requested DELETE exchanges started
     * @param answered of those, the responder answered
     * @param byResponder established IKE SAs the responder deleted before we asked
     */
    public record Deletes(long requested, long answered, long byResponder) {}

    /** The report as a few lines of text. */
    public void print(PrintWriter out) {
        out.println("petrel load: " + setup);
        out.println(String.format(Locale.ROOT, "handshakes: %d started, %d succeeded, %d failed, %d unfinished in %.3f s",
                started, succeeded, failed, unfinished, seconds));
        out.println(String.format(Locale.ROOT, "rate:       %.1f handshakes/s", handshakesPerSecond));
        if (latencyMs != null) {
            out.println(String.format(Locale.ROOT, "latency:    p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                    latencyMs.p50(), latencyMs.p90(), latencyMs.p99(), latencyMs.max()));
        }
        for (FailureCount f : failures) {
            out.println("failed:     " + f.reason() + " " + f.count() + " (first: " + f.example() + ")");
        }
        if (deletes.requested() > 0 || deletes.byResponder() > 0) {
            out.println("deletes:    " + deletes.requested() + " requested, " + deletes.answered() + " answered"
                    + (deletes.byResponder() > 0 ? ", " + deletes.byResponder() + " IKE SAs deleted by the responder" : ""));
        }
        out.flush();
    }
}
