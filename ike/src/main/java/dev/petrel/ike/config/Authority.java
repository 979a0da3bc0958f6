package dev.petrel.ike.config;

import dev.petrel.ike.auth.CertificateIdentity;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A certification authority and where the status of the certificates it issued is published (swanctl's
 * {@code authorities.NAME}: {@code cacert}, {@code crl_uris}, {@code ocsp_uris}). The CRLs of {@code crlUris} are
 * among {@link Revocation#crls()} when they could be read; the URIs themselves only tell that a status should
 * exist (RFC 5280 §4.2.1.13). OCSP responders are asked in order, each for at most {@code ocspTimeout}.
 */
public record Authority(X509Certificate certificate, List<URI> crlUris, List<URI> ocspUris, Duration ocspTimeout) {
    public Authority {
        Objects.requireNonNull(certificate, "certificate");
        crlUris = List.copyOf(crlUris);
        ocspUris = List.copyOf(ocspUris);
        if (ocspTimeout.isNegative() || ocspTimeout.isZero()) {
            throw new IllegalArgumentException("the OCSP timeout must be positive, not " + ocspTimeout);
        }
    }

    /** True when this authority is {@code issuer}: the same subject and key (a re-issued CA certificate counts). */
    public boolean isFor(X509Certificate issuer) {
        return certificate.getSubjectX500Principal().equals(issuer.getSubjectX500Principal())
                && certificate.getPublicKey().equals(issuer.getPublicKey());
    }

    @Override
    public String toString() {
        return "Authority[" + CertificateIdentity.subject(certificate) + ", CRLs " + crlUris + ", OCSP " + ocspUris + "]";
    }
}
