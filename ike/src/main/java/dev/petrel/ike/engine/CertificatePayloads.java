package dev.petrel.ike.engine;

import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.wire.ike.CertEncoding;
import dev.petrel.wire.ike.CertificatePayload;
import dev.petrel.wire.ike.CertificateRequestPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.Payload;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CERT and CERTREQ payloads (RFC 7296 §3.6, §3.7), X.509 Certificate - Signature only. When we authenticate with a
 * certificate we send it first, then its intermediates, as the connection's {@link CertificatePolicy.SendCert} says:
 * always, never, or (strongSwan's default) only when the peer sent a CERTREQ. Unless {@code send_certreq = no}, we
 * ask for the peer's with a CERTREQ naming our trust anchors, each by the SHA-1 hash of its SubjectPublicKeyInfo:
 * the responder in its IKE_SA_INIT response, for the anchors of every connection the peer may turn out to use, the
 * initiator in IKE_AUTH, as strongSwan does.
 */
final class CertificatePayloads {
    private static final int SHA1_LENGTH = 20;

    private CertificatePayloads() {}

    /**
     * Our CERT payloads for a round of {@code sa} that authenticates with {@code auth}: none without a certificate,
     * and none when the connection sends them only if asked and the peer did not ask ({@link #noteRequests}).
     */
    static List<Payload> ours(IkeSa sa, Authentication.Local auth) {
        List<Payload> out = new ArrayList<>();
        boolean send = switch (sa.config.certificates().sendCert()) {
            case ALWAYS -> true;
            case IFASKED -> sa.peerRequestedCertificates;
            case NEVER -> false;
        };
        if (send && auth instanceof CertificateAuth c) {
            out.add(cert(c.certificate()));
            c.intermediates().forEach(i -> out.add(cert(i)));
        }
        return out;
    }

    /**
     * Notes whether the peer's {@code message} (its IKE_SA_INIT response, or its IKE_AUTH request) carried a CERTREQ,
     * of any encoding, as strongSwan's COND_CERTREQ_SEEN does.
     */
    static void noteRequests(IkeSa sa, IkeMessage message) {
        sa.peerRequestedCertificates |= message.first(CertificateRequestPayload.class).isPresent();
    }

    /**
     * A CERTREQ for the trust anchors of {@code configs}, if any of them authenticates its peer by certificate, in any
     * of its rounds (RFC 4739), and sends certificate requests.
     */
    static Optional<Payload> request(List<IkeConfig> configs) {
        Set<X509Certificate> anchors = new LinkedHashSet<>();
        for (IkeConfig c : configs) {
            if (c.certificates().sendCertificateRequests()) {
                for (RemoteRound round : c.remoteRounds()) {
                    if (round.auth() instanceof TrustAnchors t) {
                        anchors.addAll(t.anchors());
                    }
                }
            }
        }
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream hashes = new ByteArrayOutputStream(SHA1_LENGTH * anchors.size());
        for (X509Certificate anchor : anchors) {
            hashes.writeBytes(sha1().digest(anchor.getPublicKey().getEncoded()));
        }
        return Optional.of(new CertificateRequestPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE.value(), hashes.toByteArray()));
    }

    /** The CERT payloads of a message, in order. */
    static List<CertificatePayload> received(IkeMessage message) {
        return message.payloads().stream().filter(p -> p instanceof CertificatePayload)
                .map(p -> (CertificatePayload) p).toList();
    }

    private static CertificatePayload cert(X509Certificate certificate) {
        try {
            return new CertificatePayload(CertEncoding.X509_CERTIFICATE_SIGNATURE.value(), certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate " + certificate.getSubjectX500Principal() + " does not encode", e);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
