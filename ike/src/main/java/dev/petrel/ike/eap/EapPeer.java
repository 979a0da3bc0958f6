package dev.petrel.ike.eap;

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

    @Override
    void destroy();
}
