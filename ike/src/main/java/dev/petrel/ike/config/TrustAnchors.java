package dev.petrel.ike.config;

import dev.petrel.ike.auth.CertificateIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The peer authenticates with a certificate (RFC 7296 §2.15, RFC 7427) that chains to one of these certificates
 * (swanctl's {@code remote { auth = pubkey }} with {@code cacerts}, or every CA certificate loaded); they are also
 * what our CERTREQ payloads name (RFC 7296 §3.7).
 */
public record TrustAnchors(List<X509Certificate> anchors) implements Authentication.Remote {
    public TrustAnchors {
        anchors = List.copyOf(anchors);
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("certificate authentication needs at least one trust anchor");
        }
    }

    @Override
    public String toString() {
        return "TrustAnchors" + anchors.stream().map(c -> CertificateIdentity.subject(c).toString())
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
