package dev.petrel.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.testkit.vectors.Wycheproof;

/**
 * Counts the Wycheproof cases a test ran through our code, by result, and those IKE cannot express. The counts are
 * printed and pinned, so a loader or filter change cannot silently skip vectors.
 */
final class Tally {
    private final String file;
    private int valid;
    private int invalid;
    private int acceptable;
    private int notApplicable;

    Tally(String file) {
        this.file = file;
    }

    void ran(Wycheproof.Case c) {
        switch (c.result()) {
            case "valid" -> valid++;
            case "invalid" -> invalid++;
            default -> acceptable++;
        }
    }

    void notApplicable() {
        notApplicable++;
    }

    void assertCounts(int valid, int invalid, int acceptable, int notApplicable) {
        System.out.println(this);
        assertEquals(valid + "/" + invalid + "/" + acceptable + "/" + notApplicable,
                this.valid + "/" + this.invalid + "/" + this.acceptable + "/" + this.notApplicable,
                "valid/invalid/acceptable/not applicable of " + file);
    }

    @Override
    public String toString() {
        return file + ": applicable valid=" + valid + " invalid=" + invalid + " acceptable=" + acceptable
                + ", not applicable=" + notApplicable;
    }
}
