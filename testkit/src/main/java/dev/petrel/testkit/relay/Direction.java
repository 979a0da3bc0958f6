package dev.petrel.testkit.relay;

import java.util.Arrays;
import java.util.Locale;

/** The two ways through a {@link FaultRelay}: from a client to the target, and the target's answers back. */
public enum Direction {
    FORWARD,
    BACKWARD;

    /** The name in options, commands and the stats line: {@code forward} or {@code backward}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction named {@code word}; fails naming the words it knows. */
    static Direction of(String word) {
        return Arrays.stream(values()).filter(d -> d.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no direction '" + word + "' (forward or backward)"));
    }
}
