package dev.petrel.ike.eap;

import java.time.Instant;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * One EAP method on the authenticator's side (RFC 3748 §2.1): it makes the Type-Data of each request and judges each
 * response's. The conversation around it frames the packets, keeps the Identifiers and turns its end into EAP-Success
 * or EAP-Failure. Not thread-safe; {@link #destroy()} wipes what it holds.
 */
public interface ServerMethod extends Destroyable {
    /** The Type-Data of the first request, which goes out with {@code identifier}. */
    byte[] start(int identifier);

    /**
     * The peer answered the last request with {@code typeData}; the next request goes out with {@code nextIdentifier}.
     * Returns {@link MethodResult.Continue} with the next request's Type-Data, {@link MethodResult.Authenticated} or
     * {@link MethodResult.Failed}.
     */
    MethodResult receive(byte[] typeData, int nextIdentifier, Instant now);

    /**
     * Why the method refused the peer while it waits for the peer to acknowledge that (EAP-MSCHAPv2's Failure
     * request, RFC 2759 §6); empty otherwise.
     */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    @Override
    void destroy();
}
