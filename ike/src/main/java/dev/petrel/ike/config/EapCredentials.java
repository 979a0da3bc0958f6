package dev.petrel.ike.config;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.EapType;
import java.util.Objects;

/**
 * We authenticate as an EAP peer (RFC 7296 §2.16; swanctl's {@code local { auth = eap-TYPE }}): the EAP identity,
 * the password for EAP-MD5 and EAP-MSCHAPv2, or a certificate and key for EAP-TLS. The password never appears in
 * {@link #toString()}.
 *
 * @param method the method we insist on, or null for any the server proposes that our credentials serve
 * @param identity our EAP identity, or null to answer EAP-Identity with our IKE identity (strongSwan's default)
 * @param tlsCertificate our certificate for EAP-TLS, or null
 * @param tlsAnchors the trust anchors the server's EAP-TLS certificate must chain to, or null
 */
public record EapCredentials(EapType method, String identity, byte[] password, CertificateAuth tlsCertificate,
        TrustAnchors tlsAnchors) implements Authentication.Local {
    public EapCredentials {
        password = password == null ? null : password.clone();
        if (password == null && tlsCertificate == null) {
            throw new IllegalArgumentException("EAP needs a password or, for EAP-TLS, a certificate");
        }
    }

    /** A copy of the password, which the caller wipes, or null. */
    @Override
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    public void destroy() {
        KeyMaterial.wipe(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapCredentials e && method == e.method && Objects.equals(identity, e.identity)
                && (password == null ? e.password == null : e.password != null
                        && java.security.MessageDigest.isEqual(password, e.password))
                && Objects.equals(tlsCertificate, e.tlsCertificate) && Objects.equals(tlsAnchors, e.tlsAnchors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, identity, tlsCertificate);
    }

    @Override
    public String toString() {
        return "EapCredentials[" + (method == null ? "any method" : method) + ", " + (identity == null ? "IKE identity"
                : identity) + (password == null ? "" : ", password") + (tlsCertificate == null ? "" : ", " + tlsCertificate) + "]";
    }
}
