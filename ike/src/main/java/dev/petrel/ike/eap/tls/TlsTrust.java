package dev.petrel.ike.eap.tls;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.auth.PeerCertificates;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * The other side's certificate chain in the TLS handshake, checked with {@link PeerCertificates#chain} against the
 * configured trust anchors at the conversation's time (not the wall clock: the core is sans-I/O), and, on the server,
 * against the peer's EAP identity as strongSwan's eap-tls checks it: the identity, read in strongSwan's notation
 * ({@link Identity#parse}), must be the subject or a subjectAltName of the client's certificate (RFC 5216 §5.2). Why
 * a chain was refused stays for the failure's reason. JSSE adds its algorithm constraints to these checks.
 */
final class TlsTrust implements X509TrustManager {
    private final TrustAnchors anchors;
    private final String identity;
    private Instant now = Instant.EPOCH;
    private X509Certificate accepted;
    private String refusal;

    /** {@code identity}: the EAP identity the certificate must name, or null to check the chain only. */
    TlsTrust(TrustAnchors anchors, String identity) {
        this.anchors = anchors;
        this.identity = identity;
    }

    void at(Instant time) {
        now = time;
    }

    /** The end-entity certificate once its chain passed, or null. */
    X509Certificate accepted() {
        return accepted;
    }

    /** Why the chain was refused, or null. */
    String refusal() {
        return refusal;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        try {
            X509Certificate endEntity = PeerCertificates.chain(List.of(chain), anchors, now);
            if (identity != null && !CertificateIdentity.contains(endEntity, named(identity))) {
                throw new AuthenticationException("the peer's EAP identity '" + identity + "' is not in its "
                        + "certificate (" + CertificateIdentity.names(endEntity) + ")");
            }
            accepted = endEntity;
        } catch (AuthenticationException e) {
            refusal = e.getMessage();
            throw new CertificateException(refusal);
        }
    }

    private static Identity named(String identity) throws AuthenticationException {
        try {
            return Identity.parse(identity);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the peer's EAP identity '" + identity + "' is no name a certificate "
                    + "can carry: " + e.getMessage());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.anchors().toArray(X509Certificate[]::new);
    }
}
