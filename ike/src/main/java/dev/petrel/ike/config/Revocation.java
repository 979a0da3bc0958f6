package dev.petrel.ike.config;

import dev.petrel.ike.revocation.OcspTransport;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Objects;

/**
 * How the revocation of the peer's certificates is checked (RFC 5280 §6.3, RFC 6960): the CRLs loaded (swanctl's
 * {@code x509crl/} folder and file {@code crl_uris}), the authorities with their OCSP responders, the policy for an
 * unknown status, and how OCSP requests travel. Every certificate of the chain is checked: OCSP first where a
 * responder is configured for its issuer, then the CRLs, as strongSwan does.
 */
public record Revocation(List<X509CRL> crls, List<Authority> authorities, RevocationPolicy policy, OcspTransport ocsp) {
    /** No CRL, no responder, relaxed: nothing is known, and so nothing refused. */
    public static final Revocation NONE = new Revocation(List.of(), List.of(), RevocationPolicy.RELAXED, OcspTransport.NONE);

    public Revocation {
        crls = List.copyOf(crls);
        authorities = List.copyOf(authorities);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ocsp, "ocsp");
    }

    @Override
    public String toString() {
        return "Revocation[" + crls.size() + " CRLs, " + authorities + ", " + policy.keyword() + "]";
    }
}
