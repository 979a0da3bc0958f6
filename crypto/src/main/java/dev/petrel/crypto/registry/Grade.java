package dev.petrel.crypto.registry;

/**
 * The requirement levels of RFC 8221 §2 and RFC 8247 §1.2 (RFC 2119 keywords plus MUST-, SHOULD+ and SHOULD-),
 * and UNSPECIFIED for transforms the RFC does not grade. Declared from strongest recommendation to strongest
 * prohibition, so the natural order ranks them; UNSPECIFIED comes last and ranks nothing.
 */
public enum Grade {
    MUST("MUST"),
    /** MUST today, expected to be downgraded to SHOULD or SHOULD- later. */
    MUST_MINUS("MUST-"),
    /** SHOULD today, likely promoted to MUST later. */
    SHOULD_PLUS("SHOULD+"),
    SHOULD("SHOULD"),
    /** SHOULD today, may be deprecated to MAY later. */
    SHOULD_MINUS("SHOULD-"),
    MAY("MAY"),
    SHOULD_NOT("SHOULD NOT"),
    MUST_NOT("MUST NOT"),
    /** The RFC gives no level. */
    UNSPECIFIED("UNSPECIFIED");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    /** The level as the RFCs write it, e.g. {@code SHOULD+} or {@code MUST NOT}. */
    public String label() {
        return label;
    }

    /** True for SHOULD NOT and MUST NOT. */
    public boolean discouraged() {
        return this == SHOULD_NOT || this == MUST_NOT;
    }

    @Override
    public String toString() {
        return label;
    }
}
