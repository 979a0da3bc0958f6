package dev.petrel.ike.revocation;

/**
 * What a source tells of one certificate's revocation, strongSwan's cert_validation_t: the first two settle it,
 * the others leave it unknown (RFC 5280 §6.3.3 (k): UNDETERMINED).
 */
enum Validation {
    /** A current CRL does not list it, or an OCSP response says good. */
    GOOD,
    /** A CRL lists it, or an OCSP response says revoked, however old. */
    REVOKED,
    /** The newest CRL or response is past its nextUpdate. */
    STALE,
    /** A CRL or OCSP URI exists, but no status came of it. */
    FAILED,
    /** No source at all. */
    SKIPPED
}
