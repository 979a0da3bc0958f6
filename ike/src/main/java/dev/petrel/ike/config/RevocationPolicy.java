package dev.petrel.ike.config;

/**
 * What the peer's certificate needs besides not being revoked (strongSwan's {@code remote.revocation}). A revoked
 * certificate, anywhere in the chain, always fails; these policies judge the end-entity certificate whose status is
 * not known, as strongSwan's revocation plugin and auth_cfg constraints do.
 */
public enum RevocationPolicy {
    /** A status must be known good (a current CRL, or an OCSP response). */
    STRICT,
    /**
     * Known good, or no source at all: fails when a CRL or OCSP URI exists (in the certificate, or configured for
     * its CA) but no current status could be had from it.
     */
    IFURI,
    /** Only a known revocation fails (strongSwan's default). */
    RELAXED;

    /** The value as swanctl.conf writes it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
