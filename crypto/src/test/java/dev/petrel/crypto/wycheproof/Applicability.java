package dev.petrel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.vectors.Wycheproof;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Splits a Wycheproof file into the cases our transforms can express (a named dynamic test each) and those they
 * cannot, such as IV or tag sizes ESP and IKEv2 never use, and adds a last test asserting the applicable share is
 * large, so a loader or mapping mistake cannot silently skip everything.
 */
final class Applicability {
    private Applicability() {}

    static Stream<DynamicTest> tests(String file, Predicate<Wycheproof.Case> applicable, Consumer<Wycheproof.Case> check) {
        List<Wycheproof.Case> all = Wycheproof.cases(file);
        List<Wycheproof.Case> run = all.stream()
                .filter(c -> c.isValid() || c.isInvalid())
                .filter(applicable)
                .toList();
        long valid = run.stream().filter(Wycheproof.Case::isValid).count();
        long invalid = run.size() - valid;
        int notApplicable = all.size() - run.size();
        DynamicTest summary = DynamicTest.dynamicTest(file + ": applicable share", () -> {
            System.out.printf("%s: %d applicable (%d valid, %d invalid), %d not applicable%n",
                    file, run.size(), valid, invalid, notApplicable);
            assertTrue(run.size() > 100, file + ": only " + run.size() + " applicable cases");
        });
        return Stream.concat(run.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check.accept(c))),
                Stream.of(summary));
    }
}
