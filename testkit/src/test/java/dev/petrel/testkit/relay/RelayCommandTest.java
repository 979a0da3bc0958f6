package dev.petrel.testkit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.testkit.sim.FaultProfile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayCommandTest {
    private static final FaultProfile PROFILE = new FaultProfile(0.1, 0.02, 0.3, Duration.ofMillis(4), Duration.ofMillis(40));

    @Test
    void everyCommandReadsBackFromItsLine() {
        for (RelayCommand c : List.of(new RelayCommand.SetProfile(Optional.empty(), PROFILE),
                new RelayCommand.SetProfile(Optional.of(Direction.BACKWARD), FaultProfile.DROP_ALL),
                RelayCommand.Word.CUT, RelayCommand.Word.HEAL, RelayCommand.Word.STATS, RelayCommand.Word.QUIT)) {
            assertEquals(c, RelayCommand.parse(c.line()), c.line());
        }
    }

    @Test
    void profileTakesRatesAndMillisecondsWithOrWithoutADirection() {
        assertEquals(new RelayCommand.SetProfile(Optional.empty(), PROFILE), RelayCommand.parse("profile 0.1 0.02 0.3 4 40"));
        assertEquals(new RelayCommand.SetProfile(Optional.of(Direction.FORWARD), PROFILE),
                RelayCommand.parse("  profile   forward 0.1 0.02 0.3 4 40 "));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "halt => unknown command 'halt' (profile, cut, heal, stats or quit)",
            "cut now => cut takes no arguments, got 'cut now'",
            "profile 0.1 0 0 0 => usage: profile [forward|backward] LOSS DUPLICATION REORDER MIN_DELAY_MS MAX_DELAY_MS, got 'profile 0.1 0 0 0'",
            "profile up 0.1 0 0 0 0 => no direction 'up' (forward or backward)",
            "profile 0.1 2 0 0 0 => duplication 2 is not a rate within [0, 1]",
            "profile 0 0 0 9 3 => min delay (ms) 9 exceeds max delay (ms) 3",
            "profile 0 0 0 0 1.5 => max delay (ms) 1.5 is not a whole number of milliseconds within [0, 3600000]"})
    void badLinesSayWhatIsWrong(String line, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> RelayCommand.parse(line)).getMessage());
    }
}
