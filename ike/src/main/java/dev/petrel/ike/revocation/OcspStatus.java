package dev.petrel.ike.revocation;

import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Authority;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A certificate's status from the OCSP responders configured for its issuer (RFC 6960), asked in order until one
 * answers good or revoked. A response counts when the issuer signed it, or a responder certificate the issuer signed
 * for id-kp-OCSPSigning and valid now (§4.2.2.2), and when it names the certificate; good is current until its
 * nextUpdate, or for {@link #WITHOUT_NEXT_UPDATE} after its thisUpdate when it has none (§4.2.2.1). BouncyCastle
 * encodes the request and decodes the response, which the JDK cannot; the JDK verifies the signatures. Each request
 * blocks for at most the authority's timeout.
 */
final class OcspStatus {
    static final Duration WITHOUT_NEXT_UPDATE = Duration.ofMinutes(5);
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** Certificates of a response tried as its signer, at most: the response comes from the network. */
    private static final int MAX_SIGNERS = 4;
    private static final List<String> STATUS_NAMES = List.of("successful", "malformedRequest", "internalError",
            "tryLater", "status 4", "sigRequired", "unauthorized");

    private OcspStatus() {}

    /**
     * @param named the OCSP responders the certificate names itself, which Petrel does not ask: with none configured
     *     they make the status FAILED rather than SKIPPED
     */
    static Status of(X509Certificate certificate, X509Certificate issuer, List<Authority> authorities, List<URI> named,
            OcspTransport transport, Instant now) {
        String ca = CertificateIdentity.subject(issuer).toString();
        List<Status> unsettled = new ArrayList<>();
        for (Authority authority : authorities) {
            if (!authority.isFor(issuer)) {
                continue;
            }
            for (URI responder : authority.ocspUris()) {
                Status s = ask(responder, authority.ocspTimeout(), certificate, issuer, transport, now);
                if (s.known()) {
                    return s;
                }
                unsettled.add(s);
            }
        }
        if (unsettled.isEmpty()) {
            return named.isEmpty() ? new Status(Validation.SKIPPED, "no OCSP responder is configured for " + ca)
                    : new Status(Validation.FAILED, "no OCSP responder is configured for " + ca + ", and Petrel does "
                            + "not ask " + named + ", which the certificate names");
        }
        boolean stale = unsettled.stream().anyMatch(s -> s.validation() == Validation.STALE);
        return new Status(stale ? Validation.STALE : Validation.FAILED,
                String.join("; ", unsettled.stream().map(Status::explanation).toList()));
    }

    private static Status ask(URI responder, Duration timeout, X509Certificate certificate, X509Certificate issuer,
            OcspTransport transport, Instant now) {
        String who = "OCSP responder " + responder;
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
                    certificate.getSerialNumber());
            byte[] answer;
            try {
                answer = transport.post(responder, new OCSPReqBuilder().addRequest(id).build().getEncoded(), timeout);
            } catch (IOException e) {
                return failed(who + ": " + e.getMessage());
            }
            OCSPResp response = new OCSPResp(answer);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return failed(who + " answered " + (response.getStatus() < STATUS_NAMES.size()
                        ? STATUS_NAMES.get(response.getStatus()) : "status " + response.getStatus()));
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return failed(who + " answered with no basic OCSP response (RFC 6960 §4.2.1)");
            }
            Optional<String> signer = signer(basic, issuer, now);
            if (signer.isEmpty()) {
                return failed(who + " signed its response with neither the key of " + CertificateIdentity.subject(issuer)
                        + " nor that of a responder certificate it issued for OCSPSigning (RFC 6960 §4.2.2.2)");
            }
            for (SingleResp single : basic.getResponses()) {
                if (single.getCertID().matchesIssuer(issuerHolder, digests)
                        && single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())) {
                    return status(single, who + " (signed by " + signer.get() + ")", now);
                }
            }
            return failed(who + " gave no status for serial " + certificate.getSerialNumber().toString(16));
        } catch (IOException | OCSPException | OperatorCreationException | CertificateException e) {
            return failed(who + " sent no OCSP response Petrel can read: " + e.getMessage());
        } catch (RuntimeException e) {
            // BouncyCastle's ASN.1 decoders throw unchecked exceptions at malformed input from the network
            return failed(who + " sent a malformed OCSP response: " + e.getClass().getSimpleName());
        }
    }

    private static Status status(SingleResp single, String who, Instant now) {
        CertificateStatus status = single.getCertStatus();
        if (status instanceof RevokedStatus revoked) {
            int reason = revoked.hasRevocationReason() ? revoked.getRevocationReason() : -1;
            return Status.revoked(revoked.getRevocationTime().toInstant(),
                    reason >= 0 && reason < CRLReason.values().length ? CRLReason.values()[reason] : null,
                    "according to " + who);
        }
        if (status != CertificateStatus.GOOD) {
            return failed(who + " does not know the certificate (status unknown)");
        }
        Instant until = single.getNextUpdate() != null ? single.getNextUpdate().toInstant()
                : single.getThisUpdate().toInstant().plus(WITHOUT_NEXT_UPDATE);
        if (now.isAfter(until)) {
            return new Status(Validation.STALE, "the response of " + who + " is stale since " + until);
        }
        return new Status(Validation.GOOD, "good according to " + who);
    }

    /** Who signed the response: the issuer, or a responder it authorized; empty when neither verifies. */
    private static Optional<String> signer(BasicOCSPResp basic, X509Certificate issuer, Instant now)
            throws CertificateException {
        if (verifies(basic, issuer.getPublicKey())) {
            return Optional.of(CertificateIdentity.subject(issuer).toString());
        }
        X509CertificateHolder[] included = basic.getCerts();
        for (int i = 0; i < Math.min(included.length, MAX_SIGNERS); i++) {
            X509Certificate responder = new JcaX509CertificateConverter().getCertificate(included[i]);
            if (authorized(responder, issuer, now) && verifies(basic, responder.getPublicKey())) {
                return Optional.of(CertificateIdentity.subject(responder).toString());
            }
        }
        return Optional.empty();
    }

    private static boolean authorized(X509Certificate responder, X509Certificate issuer, Instant now) {
        try {
            List<String> usages = responder.getExtendedKeyUsage();
            responder.checkValidity(Date.from(now));
            responder.verify(issuer.getPublicKey());
            return responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && usages != null
                    && usages.contains(OCSP_SIGNING);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException e) {
            return false;
        }
    }

    private static Status failed(String why) {
        return new Status(Validation.FAILED, why);
    }
}
