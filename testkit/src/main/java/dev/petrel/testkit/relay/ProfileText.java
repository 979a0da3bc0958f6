package dev.petrel.testkit.relay;

import dev.petrel.testkit.sim.FaultProfile;
import java.time.Duration;
import java.util.List;

/**
 * A {@link FaultProfile} as text, shared by the command line and the control commands: rates in [0, 1] and delays in
 * whole milliseconds, in the order loss, duplication, reorder, min delay, max delay.
 */
final class ProfileText {
    /** The largest delay accepted, one hour: far beyond any test, small enough to never overflow a deadline. */
    static final long MAX_DELAY_MS = 3_600_000;

    private ProfileText() {}

    /**
     * The profile from five values, each failure naming the value's label from {@code labels} (in the same order) and
     * the text given.
     */
    static FaultProfile parse(List<String> labels, List<String> values) {
        double loss = rate(labels.get(0), values.get(0));
        double duplication = rate(labels.get(1), values.get(1));
        double reorder = rate(labels.get(2), values.get(2));
        Duration min = millis(labels.get(3), values.get(3));
        Duration max = millis(labels.get(4), values.get(4));
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(labels.get(3) + " " + values.get(3) + " exceeds " + labels.get(4) + " "
                    + values.get(4));
        }
        return new FaultProfile(loss, duplication, reorder, min, max);
    }

    /** The five values of {@code profile}, in {@link #parse}'s order. */
    static List<String> format(FaultProfile profile) {
        return List.of(Double.toString(profile.loss()), Double.toString(profile.duplication()),
                Double.toString(profile.reorder()), Long.toString(wholeMillis(profile.minDelay())),
                Long.toString(wholeMillis(profile.maxDelay())));
    }

    /** {@code profile} unchanged, or a failure when its delays are not whole milliseconds that the relay accepts. */
    static FaultProfile requireExpressible(FaultProfile profile) {
        wholeMillis(profile.minDelay());
        wholeMillis(profile.maxDelay());
        return profile;
    }

    private static long wholeMillis(Duration delay) {
        if (delay.toNanos() % 1_000_000 != 0 || delay.toMillis() > MAX_DELAY_MS) {
            throw new IllegalArgumentException("the relay takes delays in whole milliseconds up to " + MAX_DELAY_MS
                    + ", not " + delay);
        }
        return delay.toMillis();
    }

    private static double rate(String label, String text) {
        try {
            double rate = Double.parseDouble(text);
            if (rate >= 0 && rate <= 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new IllegalArgumentException(label + " " + text + " is not a rate within [0, 1]");
    }

    private static Duration millis(String label, String text) {
        try {
            long ms = Long.parseLong(text);
            if (ms >= 0 && ms <= MAX_DELAY_MS) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new IllegalArgumentException(label + " " + text + " is not a whole number of milliseconds within [0, "
                + MAX_DELAY_MS + "]");
    }
}
