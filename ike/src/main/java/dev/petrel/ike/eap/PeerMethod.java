package dev.petrel.ike.eap;

import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.Destroyable;

/**
 * One EAP method on the peer's side (RFC 3748 §2.1): it answers each request of its type. The conversation around it
 * accepts EAP-Success only once {@link #finished()} (§4.2: a Success the method did not reach, say before MS-CHAPv2
 * showed the server knows the password, is refused). Not thread-safe; {@link #destroy()} wipes what it holds.
 */
public interface PeerMethod extends Destroyable {
    /**
     * The server's request with {@code typeData} and {@code identifier}: {@link MethodResult.Continue} with the
     * response's Type-Data, or {@link MethodResult.Failed}.
     */
    MethodResult receive(byte[] typeData, int identifier, Instant now);

    /** True once the method has done its part, so that EAP-Success ends the conversation. */
    boolean finished();

    /** A copy of the MSK once {@link #finished()}, which the caller wipes; null for a method without one. */
    byte[] msk();

    /** Where the method stands, for the reason of a failure that ends it (e.g. the server's MS-CHAPv2 error). */
    String status();

    /** The server's certificate once a method checked its chain (EAP-TLS), else null. */
    default X509Certificate serverCertificate() {
        return null;
    }

    @Override
    void destroy();
}
