package dev.petrel.ike.auth;

import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.revocation.RevocationCheck;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.CertEncoding;
import dev.petrel.wire.ike.CertificatePayload;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The certificates a peer authenticates with: its CERT payloads decoded (X.509 Certificate - Signature only, RFC 7296
 * §3.6; the first is the one whose key signed AUTH), then checked in order: the chain to one of the connection's
 * trust anchors with the JDK's PKIX validator (RFC 5280 §6) at the engine's time, validity dates, basicConstraints,
 * keyCertSign and name constraints of the CAs; the anchor's usages and name constraints ({@link KeyUsages},
 * {@link AnchorNameConstraints}) and the end-entity certificate's usages; the peer's identity against the end-entity certificate (RFC 4945 §3.1);
 * last, since OCSP may block, the revocation of every certificate of the chain ({@link RevocationCheck}).
 */
public final class PeerCertificates {
    private PeerCertificates() {}

    /**
     * The end-entity certificate, checked: it chains to {@code anchors} at {@code now} through the other
     * certificates the peer sent, and names {@code peer}.
     */
    public static X509Certificate check(List<CertificatePayload> payloads, TrustAnchors anchors, Identity peer,
            Instant now) throws AuthenticationException {
        Chain chain = verified(decode(payloads), anchors, now);
        X509Certificate endEntity = chain.path().getFirst();
        if (!CertificateIdentity.contains(endEntity, peer)) {
            throw new AuthenticationException("the peer's identity " + peer + " is not in its certificate ("
                    + CertificateIdentity.names(endEntity) + "; RFC 4945 §3.1)");
        }
        RevocationCheck.check(chain.path(), chain.anchor(), anchors.revocation(), now);
        return endEntity;
    }

    /**
     * The end-entity certificate, the first of {@code sent}, checked: it chains to {@code anchors} at {@code now}
     * through the others (EAP-TLS, which receives the chain in TLS's Certificate message, checks it with this).
     */
    public static X509Certificate chain(List<X509Certificate> sent, TrustAnchors anchors, Instant now)
            throws AuthenticationException {
        if (sent.isEmpty()) {
            throw new AuthenticationException("the peer sent no certificate");
        }
        Chain chain = verified(sent, anchors, now);
        RevocationCheck.check(chain.path(), chain.anchor(), anchors.revocation(), now);
        return chain.path().getFirst();
    }

    /** A path from the end entity (first) up to the anchor it chains to. */
    private record Chain(List<X509Certificate> path, X509Certificate anchor) {}

    /** The path of {@code sent} to an anchor, validated at {@code now} with its usages; revocation not yet checked. */
    private static Chain verified(List<X509Certificate> sent, TrustAnchors anchors, Instant now)
            throws AuthenticationException {
        X509Certificate endEntity = sent.getFirst();
        List<X509Certificate> path = path(endEntity, sent, anchors);
        X509Certificate anchor = validate(path, anchors, now);
        if (!anchor.equals(endEntity)) {
            KeyUsages.checkAnchor(anchor, now);
            AnchorNameConstraints.check(anchor, path);
        }
        KeyUsages.checkEndEntity(endEntity);
        return new Chain(path, anchor);
    }

    private static List<X509Certificate> decode(List<CertificatePayload> payloads) throws AuthenticationException {
        if (payloads.isEmpty()) {
            throw new AuthenticationException("the peer sent no certificate (CERT payload), though the connection "
                    + "authenticates it by certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (CertificatePayload p : payloads) {
            if (p.encoding() != CertEncoding.X509_CERTIFICATE_SIGNATURE.value()) {
                String name = IanaValue.byValue(CertEncoding.class, p.encoding()).map(Enum::name)
                        .orElse("encoding " + p.encoding());
                throw new AuthenticationException("the peer sent a CERT payload of " + name + (isHashAndUrl(p)
                        ? ", which Petrel does not fetch: it sends no HTTP_CERT_LOOKUP_SUPPORTED (RFC 7296 §3.6)"
                        : "; Petrel takes X509_CERTIFICATE_SIGNATURE (4) only"));
            }
            try {
                out.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(p.data())));
            } catch (CertificateException e) {
                throw new AuthenticationException("the peer's CERT payload " + (out.size() + 1)
                        + " is no DER X.509 certificate: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The end-entity certificate, then each issuer among the ones the peer sent, up to the first one a trust anchor
     * issued (RFC 5280 §6.1 wants them in that order; peers may send them in any).
     */
    private static List<X509Certificate> path(X509Certificate endEntity, List<X509Certificate> sent, TrustAnchors anchors) {
        List<X509Certificate> path = new ArrayList<>(List.of(endEntity));
        X509Certificate last = endEntity;
        while (path.size() < sent.size() && !issuedByAnchor(last, anchors)) {
            X509Certificate current = last;
            var issuer = sent.stream().filter(c -> !path.contains(c)
                    && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())).findFirst();
            if (issuer.isEmpty()) {
                break;
            }
            path.add(issuer.get());
            last = issuer.get();
        }
        return path;
    }

    private static boolean issuedByAnchor(X509Certificate c, TrustAnchors anchors) {
        return anchors.anchors().stream().anyMatch(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
    }

    /** The anchor {@code path} chains to at {@code now}; revocation is {@link RevocationCheck}'s, later. */
    private static X509Certificate validate(List<X509Certificate> path, TrustAnchors anchors, Instant now)
            throws AuthenticationException {
        try {
            CertPath certPath = factory().generateCertPath(path);
            Set<TrustAnchor> trusted = anchors.anchors().stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            return ((PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters))
                    .getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            throw new AuthenticationException(explain(e, path, anchors, now));
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("the peer's certificate chain cannot be validated: " + e.getMessage());
        }
    }

    private static String explain(CertPathValidatorException e, List<X509Certificate> path, TrustAnchors anchors,
            Instant now) {
        X509Certificate c = path.get(Math.max(0, Math.min(e.getIndex(), path.size() - 1)));
        String which = (c == path.getFirst() ? "the peer's certificate " : "the peer's CA certificate ")
                + CertificateIdentity.subject(c);
        if (e.getReason() == BasicReason.EXPIRED) {
            return which + " expired on " + c.getNotAfter().toInstant() + " (now " + now + ")";
        }
        if (e.getReason() == BasicReason.NOT_YET_VALID) {
            return which + " is not valid before " + c.getNotBefore().toInstant() + " (now " + now + ")";
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.getLast();
            return "the peer's certificate " + CertificateIdentity.subject(path.getFirst()) + " does not chain to a "
                    + "trust anchor of the connection: " + (top == path.getFirst() ? "it" : "its chain ends at "
                    + CertificateIdentity.subject(top) + ", which") + " is issued by "
                    + CertificateIdentity.issuer(top) + ", and the anchors are "
                    + anchors.anchors().stream().map(a -> CertificateIdentity.subject(a).toString()).toList();
        }
        if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
            return "the signature on " + which + " does not verify with its issuer's key";
        }
        if (e.getReason() == PKIXReason.NOT_CA_CERT) {
            return which + " is no CA certificate (its basicConstraints lack cA; RFC 5280 §4.2.1.9), yet it issued "
                    + CertificateIdentity.subject(path.get(Math.max(0, e.getIndex() - 1)));
        }
        if (e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
            return which + " lacks keyCertSign in its keyUsage (RFC 5280 §4.2.1.3), yet it issued "
                    + CertificateIdentity.subject(path.get(Math.max(0, e.getIndex() - 1)));
        }
        if (e.getReason() == PKIXReason.INVALID_NAME) {
            return which + " has a name its issuers' name constraints forbid (" + CertificateIdentity.names(c)
                    + "; RFC 5280 §4.2.1.10)";
        }
        if (e.getReason() == PKIXReason.PATH_TOO_LONG) {
            return "the chain above " + which + " is longer than a CA's pathLenConstraint allows (RFC 5280 §4.2.1.9)";
        }
        return which + " is not valid (" + e.getReason() + "): " + e.getMessage();
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    private static boolean isHashAndUrl(CertificatePayload p) {
        return p.encoding() == CertEncoding.HASH_AND_URL_X509_CERTIFICATE.value()
                || p.encoding() == CertEncoding.HASH_AND_URL_X509_BUNDLE.value();
    }
}
