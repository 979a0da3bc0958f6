package dev.petrel.testkit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RelayStatsTest {
    private static final RelayStats STATS = new RelayStats(new TrafficStats(10, 9, 2, 1, 3, 4, 0, 0),
            new TrafficStats(8, 7, 1, 0, 0, 0, 0, 0), 5);

    @Test
    void theLineNamesEveryCounterAndReadsBack() {
        assertEquals("stats forward received=10 forwarded=9 dropped=2 duplicated=1 reordered=3 delayed=4 overflow=0 failed=0"
                + " backward received=8 forwarded=7 dropped=1 duplicated=0 reordered=0 delayed=0 overflow=0 failed=0"
                + " unrouted=5", STATS.line());
        assertEquals(STATS, RelayStats.parse(STATS.line()));
        assertEquals(STATS.backward(), STATS.of(Direction.BACKWARD));
    }

    @Test
    void aLineThatDoesNotFitIsRefusedNamingTheWord() {
        String swapped = STATS.line().replace("forward received", "backward received");
        assertEquals("expected 'forward' but found 'backward' in '" + swapped + "'",
                assertThrows(IllegalArgumentException.class, () -> RelayStats.parse(swapped)).getMessage());
        String bad = STATS.line().replace("dropped=2", "dropped=two");
        assertEquals("'dropped=two' is not dropped=N in '" + bad + "'",
                assertThrows(IllegalArgumentException.class, () -> RelayStats.parse(bad)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelayStats.parse("ok"));
    }
}
