package dev.petrel.ike.config;

import java.util.Locale;
import java.util.Objects;

/**
 * When a connection sends CERT and CERTREQ payloads (RFC 7296 §3.6, §3.7; swanctl's {@code send_cert} and
 * {@code send_certreq}), strongSwan's defaults being ifasked and yes.
 *
 * @param sendCertificateRequests whether we name our trust anchors in CERTREQ payloads
 */
public record CertificatePolicy(SendCert sendCert, boolean sendCertificateRequests) {
    public static final CertificatePolicy DEFAULT = new CertificatePolicy(SendCert.IFASKED, true);

    public CertificatePolicy {
        Objects.requireNonNull(sendCert, "sendCert");
    }

    /** Whether our certificate and intermediates go in CERT payloads when we authenticate with one. */
    public enum SendCert {
        /** Whenever we authenticate with a certificate. */
        ALWAYS,
        /**
         * Only when the peer sent a CERTREQ, of any encoding: in its IKE_SA_INIT response when we initiate, in its
         * IKE_AUTH request when we respond (strongSwan's COND_CERTREQ_SEEN). A peer that asks for none gets none.
         */
        IFASKED,
        /** Never: the peer must have our certificate already. */
        NEVER;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
