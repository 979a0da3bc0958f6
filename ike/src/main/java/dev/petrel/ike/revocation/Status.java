package dev.petrel.ike.revocation;

import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.Locale;

/** One source's verdict on one certificate and why, e.g. {@code revoked on 2026-01-01T00:00:00Z (keyCompromise)...}. */
record Status(Validation validation, String explanation) {
    static Status revoked(Instant when, CRLReason reason, String by) {
        return new Status(Validation.REVOKED, "was revoked on " + when + (reason == null ? "" : " (" + name(reason) + ")")
                + " " + by);
    }

    /** Settled: good or revoked. */
    boolean known() {
        return validation == Validation.GOOD || validation == Validation.REVOKED;
    }

    /** The ASN.1 name RFC 5280 §5.3.1 gives the reason: KEY_COMPROMISE is keyCompromise. */
    private static String name(CRLReason reason) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : reason.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
