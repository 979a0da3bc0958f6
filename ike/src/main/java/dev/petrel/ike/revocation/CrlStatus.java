package dev.petrel.ike.revocation;

import dev.petrel.ike.auth.CertificateIdentity;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A certificate's status from the loaded CRLs (RFC 5280 §6.3), read with the JDK's X509CRL: the CRLs of its issuer
 * that the issuer's key verifies, that the issuer may sign (cRLSign, §4.2.1.3) and that carry no critical extension
 * but an issuingDistributionPoint (§5.2). Any of them listing it revokes it (certificateHold included, as in
 * strongSwan; removeFromCRL is no revocation); otherwise the newest one says good until its nextUpdate, stale after.
 * Delta CRLs (§5.2.4) are not used. Unlike the JDK's PKIXRevocationChecker, this tells a stale CRL from a missing
 * one, which strongSwan's policies need.
 */
final class CrlStatus {
    private static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    private static final String ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
    private static final int CRL_SIGN = 6;

    private CrlStatus() {}

    /** @param uris the CRL distribution points the certificate names or its CA is configured with */
    static Status of(X509Certificate certificate, X509Certificate issuer, List<X509CRL> crls, List<URI> uris, Instant now) {
        String ca = CertificateIdentity.subject(issuer).toString();
        List<X509CRL> usable = crls.stream().filter(crl -> crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                && usable(crl, issuer)).toList();
        for (X509CRL crl : usable) {
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
                return Status.revoked(entry.getRevocationDate().toInstant(), entry.getRevocationReason(),
                        "by the CRL of " + ca);
            }
        }
        Optional<X509CRL> newest = usable.stream().max(Comparator.comparing(X509CRL::getThisUpdate));
        if (newest.isEmpty()) {
            String none = "no CRL of " + ca + " is loaded" + (crls.stream().anyMatch(crl -> crl.getIssuerX500Principal()
                    .equals(certificate.getIssuerX500Principal())) ? " that its key verifies and its keyUsage allows" : "");
            return uris.isEmpty() ? new Status(Validation.SKIPPED, none)
                    : new Status(Validation.FAILED, none + ", though CRLs are published at " + uris);
        }
        if (newest.get().getNextUpdate() != null && newest.get().getNextUpdate().toInstant().isBefore(now)) {
            return new Status(Validation.STALE, "the CRL of " + ca + " is stale since "
                    + newest.get().getNextUpdate().toInstant());
        }
        return new Status(Validation.GOOD, "not on the CRL of " + ca);
    }

    private static boolean usable(X509CRL crl, X509Certificate issuer) {
        boolean[] keyUsage = issuer.getKeyUsage();
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if ((keyUsage != null && !keyUsage[CRL_SIGN]) || crl.getExtensionValue(DELTA_CRL_INDICATOR) != null
                || (critical != null && !Set.of(ISSUING_DISTRIBUTION_POINT).containsAll(critical))) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
