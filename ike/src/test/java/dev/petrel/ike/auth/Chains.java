package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.CertificatePayload;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A peer's chain sent as CERT payloads and checked by {@link PeerCertificates#check}, accepted or refused. */
final class Chains {
    private Chains() {}

    static void accepted(TrustAnchors anchors, Identity peerId, Instant now, Issued peer, Issued... intermediates) {
        try {
            PeerCertificates.check(payloads(peer, intermediates), anchors, peerId, now);
        } catch (AuthenticationException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }

    /** The explanation of the refusal. */
    static String refusal(TrustAnchors anchors, Identity peerId, Instant now, Issued peer, Issued... intermediates) {
        return assertThrows(AuthenticationException.class, () -> PeerCertificates.check(payloads(peer, intermediates),
                anchors, peerId, now)).getMessage();
    }

    private static List<CertificatePayload> payloads(Issued peer, Issued... intermediates) {
        List<CertificatePayload> out = new ArrayList<>();
        try {
            out.add(new CertificatePayload(4, peer.certificate().getEncoded()));
            for (Issued i : intermediates) {
                out.add(new CertificatePayload(4, i.certificate().getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
