package dev.petrel.ike.eap;

import java.time.Instant;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * The authenticator side of one EAP conversation (RFC 3748 §2), sans-I/O: it asks for the identity if configured,
 * then runs one method. Not thread-safe; {@link #destroy()} wipes what it holds.
 */
public interface EapServer extends Destroyable {
    /** The first request. */
    EapStep start();

    /** The peer's next EAP message; a malformed or unexpected one fails the conversation with a reason. */
    EapStep receive(byte[] message, Instant now);

    /**
     * Why the method refused the peer, while the conversation waits for the peer to acknowledge it (a peer may give
     * up instead, as strongSwan does after EAP-MSCHAPv2's Failure request); empty otherwise.
     */
    Optional<String> refusal();

    @Override
    void destroy();
}
