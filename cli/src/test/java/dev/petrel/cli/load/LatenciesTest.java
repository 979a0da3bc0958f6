package dev.petrel.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void nearestRankOfOneToHundred() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, Latencies.rank(sorted, 50));
        assertEquals(90, Latencies.rank(sorted, 90));
        assertEquals(99, Latencies.rank(sorted, 99));
        assertEquals(100, Latencies.rank(sorted, 100));
        assertEquals(1, Latencies.rank(sorted, 1));
    }

    @Test
    void fewValuesRoundTheRankUp() {
        long[] sorted = {10, 20, 30};
        assertEquals(20, Latencies.rank(sorted, 50), "⌈1.5⌉ = 2nd");
        assertEquals(30, Latencies.rank(sorted, 90), "⌈2.7⌉ = 3rd");
        assertEquals(30, Latencies.rank(new long[] {30}, 1));
    }

    @Test
    void summaryInMillisecondsWhateverTheOrderOfArrival() {
        Latencies l = new Latencies(10);
        for (long ms : new long[] {9, 1, 7, 3, 5, 10, 2, 8, 4, 6}) {
            l.add(ms * 1_000_000);
        }
        assertEquals(new LoadReport.Latency(5.0, 9.0, 10.0, 10.0), l.summary());
    }

    @Test
    void nothingMeasuredHasNoSummary() {
        assertNull(new Latencies(5).summary());
    }

    @Test
    void holdsNoMoreThanItsCapacity() {
        Latencies l = new Latencies(100);
        for (int i = 0; i < 100; i++) {
            l.add(i);
        }
        assertEquals(100, l.size());
        assertThrows(IllegalStateException.class, () -> l.add(1));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(0));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(3).add(-1));
        assertThrows(IllegalArgumentException.class, () -> Latencies.rank(new long[0], 50));
    }
}
