package dev.petrel.ike.config;

import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.eap.EapUsers;
import java.util.Objects;

/**
 * We authenticate the peer by EAP (RFC 7296 §2.16; swanctl's {@code remote { auth = eap-TYPE }}): which method,
 * whether to ask the peer's EAP identity first ({@code eap_id = %any}), the users' passwords and, for EAP-TLS, our
 * certificate and the anchors the client's must chain to.
 *
 * @param askIdentity send EAP-Identity first; otherwise the peer's IKE identity is its EAP identity
 * @param tlsCertificate our certificate for EAP-TLS, or null
 * @param tlsAnchors the trust anchors of EAP-TLS client certificates, or null
 */
public record EapPolicy(EapType method, boolean askIdentity, EapUsers users, CertificateAuth tlsCertificate,
        TrustAnchors tlsAnchors) implements Authentication.Remote {
    public EapPolicy {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(users, "users");
        if (method == EapType.TLS && (tlsCertificate == null || tlsAnchors == null)) {
            throw new IllegalArgumentException("EAP-TLS needs our certificate and the client certificates' trust anchors");
        }
    }
}
