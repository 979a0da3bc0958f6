package dev.petrel.ike.config;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.identity.Identity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * We authenticate with a certificate and its private key (RFC 7296 §2.15; swanctl's {@code local { auth = pubkey;
 * certs = ... }}): the certificate and the intermediates up to the peer's trust anchor go in CERT payloads, the key
 * signs AUTH with the first of {@code schemes} whose hash the peer announced (RFC 7427 §4). The key never appears in
 * {@link #toString()}.
 *
 * @param intermediates CA certificates between {@code certificate} and the trust anchor, issuer after subject
 * @param schemes Digital Signature schemes for {@code key} in order of preference, not empty
 */
public record CertificateAuth(X509Certificate certificate, List<X509Certificate> intermediates, PrivateKey key,
        List<SignatureScheme> schemes) implements Authentication.Local {
    public CertificateAuth {
        Objects.requireNonNull(certificate, "certificate");
        intermediates = List.copyOf(intermediates);
        Objects.requireNonNull(key, "key");
        schemes = List.copyOf(schemes);
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException("no signature scheme for the " + key.getAlgorithm() + " key of "
                    + subject(certificate));
        }
        for (SignatureScheme s : schemes) {
            if (s.algorithmIdentifier().isEmpty() || !s.fits(key)) {
                throw new IllegalArgumentException(s + " is no Digital Signature scheme (RFC 7427) for the "
                        + key.getAlgorithm() + " key of " + subject(certificate));
            }
        }
        if (!SignatureScheme.pair(certificate.getPublicKey(), key)) {
            throw new IllegalArgumentException("the private key does not belong to certificate " + subject(certificate));
        }
    }

    /** Our certificate and key with strongSwan's default schemes for the key (RSA: PKCS#1 v1.5). */
    public CertificateAuth(X509Certificate certificate, List<X509Certificate> intermediates, PrivateKey key) {
        this(certificate, intermediates, key, SignatureScheme.preferredFor(key, false));
    }

    /** The identity the certificate's subject gives (ID_DER_ASN1_DN), strongSwan's default local identity. */
    public Identity subjectIdentity() {
        return CertificateIdentity.subject(certificate);
    }

    @Override
    public String toString() {
        return "CertificateAuth[" + subject(certificate) + ", " + intermediates.size() + " intermediates, "
                + key.getAlgorithm() + " key, " + schemes + "]";
    }

    private static String subject(X509Certificate c) {
        return CertificateIdentity.subject(c).toString();
    }
}
