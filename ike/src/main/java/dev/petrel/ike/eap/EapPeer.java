package dev.petrel.ike.eap;

import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.Destroyable;

/**
 * The peer side of one EAP conversation (RFC 3748 §2), sans-I/O: it answers the server's requests with the
 * configured identity and method (a Nak names it when the server proposes another, §5.3.1). Not thread-safe;
 * {@link #destroy()} wipes what it holds.
 */
public interface EapPeer extends Destroyable {
    /** The server's next EAP message: a request, Success or Failure. */
    EapStep receive(byte[] message, Instant now);

    /**
     * The server's EAP-TLS certificate, its chain checked against the trust anchors, once the handshake passed it;
     * null for other methods. EAP-TLS does not know the server's IKE identity: the caller checks the certificate names
     * it (RFC 5216 §5.2; strongSwan's eap-tls checks it against the IKE identity).
     */
    default X509Certificate serverCertificate() {
        return null;
    }

    @Override
    void destroy();
}
