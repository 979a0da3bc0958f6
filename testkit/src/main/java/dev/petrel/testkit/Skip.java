package dev.petrel.testkit;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Skipping a test loudly when the machine lacks something it needs, and failing instead under CI. */
public final class Skip {
    private Skip() {}

    /**
     * Does nothing when {@code missing} is empty. Otherwise prints {@code SKIPPED: <missing>} to stderr and aborts the
     * calling test (JUnit reports it as skipped), or, under CI ({@code CI=true}, whose machines are set up for every
     * test), throws so that the test fails.
     */
    public static void unless(Optional<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String why = "SKIPPED: " + missing.get();
        System.err.println(why);
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (under CI=true this is a failure)");
        }
        Assumptions.abort(why);
    }
}
