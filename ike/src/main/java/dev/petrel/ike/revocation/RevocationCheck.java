package dev.petrel.ike.revocation;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Revocation;
import dev.petrel.ike.config.RevocationPolicy;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether any certificate of a validated chain is revoked (RFC 5280 §6.3), as strongSwan's revocation plugin
 * decides: for each certificate, OCSP first where a responder is configured for its issuer, then the CRLs; a
 * revocation anywhere refuses the chain, and the end-entity certificate's unknown status is judged by the
 * connection's {@link RevocationPolicy} (strongSwan records only the end entity's status for its constraints).
 * OCSP requests block the caller, the engine's thread, for at most each authority's timeout.
 */
public final class RevocationCheck {
    private RevocationCheck() {}

    /**
     * @param path the end-entity certificate first, then each issuer, validated up to {@code anchor}
     */
    public static void check(List<X509Certificate> path, X509Certificate anchor, Revocation revocation, Instant now)
            throws AuthenticationException {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            Status status = status(certificate, i + 1 < path.size() ? path.get(i + 1) : anchor, revocation, now);
            String which = CertificateIdentity.role(certificate, i == 0);
            if (status.validation() == Validation.REVOKED) {
                throw new AuthenticationException(which + " " + status.explanation());
            }
            if (i == 0 && !accepts(revocation.policy(), status.validation())) {
                throw new AuthenticationException((revocation.policy() == RevocationPolicy.STRICT
                        ? "the revocation status of " + which + " is not known (" + status.explanation()
                                + "), and revocation = strict wants it known good"
                        : "the revocation status of " + which + " could not be had (" + status.explanation()
                                + "), and revocation = ifuri wants it where a CRL or OCSP URI is published"));
            }
        }
    }

    /** strongSwan's order: a settled OCSP answer, else the CRLs, else whatever OCSP had to say. */
    private static Status status(X509Certificate certificate, X509Certificate issuer, Revocation revocation, Instant now) {
        Status ocsp = OcspStatus.of(certificate, issuer, revocation.authorities(),
                CertificateUris.ocspResponders(certificate), revocation.ocsp(), now);
        if (ocsp.known()) {
            return ocsp;
        }
        List<URI> crlUris = Stream.concat(CertificateUris.crlDistributionPoints(certificate).stream(),
                revocation.authorities().stream().filter(a -> a.isFor(issuer)).flatMap(a -> a.crlUris().stream()))
                .distinct().toList();
        Status crl = CrlStatus.of(certificate, issuer, revocation.crls(), crlUris, now);
        if (crl.known()) {
            return crl;
        }
        Validation unknown = crl.validation() == Validation.SKIPPED ? ocsp.validation() : crl.validation();
        return new Status(unknown, ocsp.explanation() + "; " + crl.explanation());
    }

    /** strongSwan's auth_cfg constraint: strict wants GOOD, ifuri GOOD or SKIPPED, relaxed anything. */
    private static boolean accepts(RevocationPolicy policy, Validation validation) {
        return switch (policy) {
            case STRICT -> validation == Validation.GOOD;
            case IFURI -> validation == Validation.GOOD || validation == Validation.SKIPPED;
            case RELAXED -> true;
        };
    }
}
