package dev.petrel.ike.config;

import dev.petrel.ike.auth.CertificateIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The peer authenticates with a certificate (RFC 7296 §2.15, RFC 7427) that chains to one of these certificates
 * (swanctl's {@code remote { auth = pubkey }} with {@code cacerts}, or every CA certificate loaded), none of whose
 * certificates is revoked ({@link Revocation}); the anchors are also what our CERTREQ payloads name (RFC 7296 §3.7).
 */
public record TrustAnchors(List<X509Certificate> anchors, Revocation revocation) implements Authentication.Remote {
    public TrustAnchors {
        anchors = List.copyOf(anchors);
        Objects.requireNonNull(revocation, "revocation");
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("certificate authentication needs at least one trust anchor");
        }
    }

    /** Anchors without revocation sources: only the chain is checked. */
    public TrustAnchors(List<X509Certificate> anchors) {
        this(anchors, Revocation.NONE);
    }

    @Override
    public String toString() {
        return "TrustAnchors" + anchors.stream().map(c -> CertificateIdentity.subject(c).toString())
                .collect(Collectors.joining("; ", "[", "]")) + (revocation.equals(Revocation.NONE) ? "" : ", " + revocation);
    }
}
