package dev.petrel.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultProfileTest {
    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void ratesMustBeProbabilities() {
        for (double bad : new double[] {-0.1, 1.01, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new FaultProfile(bad, 0, 0, MS, MS));
            assertThrows(IllegalArgumentException.class, () -> new FaultProfile(0, bad, 0, MS, MS));
            assertThrows(IllegalArgumentException.class, () -> new FaultProfile(0, 0, bad, MS, MS));
        }
    }

    @Test
    void delaysMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new FaultProfile(0, 0, 0, MS.negated(), MS));
        assertThrows(IllegalArgumentException.class, () -> new FaultProfile(0, 0, 0, MS.multipliedBy(2), MS));
        assertThrows(NullPointerException.class, () -> new FaultProfile(0, 0, 0, null, MS));
    }

    @Test
    void upToStaysWithinItsBounds() {
        SplittableRandom random = new SplittableRandom(1);
        Duration max = Duration.ofMillis(200);
        for (int i = 0; i < 1_000; i++) {
            FaultProfile p = FaultProfile.upTo(0.3, max, random);
            assertTrue(p.loss() <= 0.3 && p.duplication() <= 0.3 && p.reorder() <= 0.3, p::toString);
            assertTrue(p.maxDelay().compareTo(max) <= 0, p::toString);
        }
    }

    @Test
    void reorderHoldsBackBeyondTheDelayRange() {
        FaultProfile always = new FaultProfile(0, 0, 1, MS, MS.multipliedBy(10));
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1_000; i++) {
            Flight f = always.flights(random).getFirst();
            assertTrue(f.reordered(), f::toString);
            assertTrue(f.delay().compareTo(MS.multipliedBy(11)) >= 0 && f.delay().compareTo(MS.multipliedBy(30)) <= 0, f::toString);
        }
    }

    @Test
    void flightsAreNoneWhenLostAndTwoWhenDuplicated() {
        SplittableRandom random = new SplittableRandom(3);
        assertEquals(List.of(), FaultProfile.DROP_ALL.flights(random));
        assertEquals(List.of(new Flight(Duration.ZERO, false)), FaultProfile.NONE.flights(random));
        FaultProfile twice = new FaultProfile(0, 1, 0, MS, MS.multipliedBy(2));
        for (int i = 0; i < 100; i++) {
            List<Flight> flights = twice.flights(random);
            assertEquals(2, flights.size());
            flights.forEach(f -> assertTrue(!f.reordered() && f.delay().compareTo(MS) >= 0
                    && f.delay().compareTo(MS.multipliedBy(2)) <= 0, f::toString));
        }
    }

    @Test
    void oneSeedGivesOneSequenceOfFates() {
        FaultProfile p = new FaultProfile(0.3, 0.2, 0.2, MS, MS.multipliedBy(5));
        SplittableRandom a = new SplittableRandom(4);
        SplittableRandom b = new SplittableRandom(4);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(p.flights(a), p.flights(b));
        }
    }
}
