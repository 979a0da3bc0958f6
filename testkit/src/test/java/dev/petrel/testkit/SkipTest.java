package dev.petrel.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SkipTest {
    @Test
    void nothingMissingDoesNothing() {
        Skip.unless(Optional.empty());
    }

    @Test
    void somethingMissingSkipsOrFailsUnderCi() {
        Class<? extends Throwable> expected =
                "true".equals(System.getenv("CI")) ? IllegalStateException.class : TestAbortedException.class;
        assertThrows(expected, () -> Skip.unless(Optional.of("a test fixture")));
    }
}
