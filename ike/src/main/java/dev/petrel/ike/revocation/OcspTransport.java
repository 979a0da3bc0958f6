package dev.petrel.ike.revocation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Carries an OCSP request to a responder and brings back its answer (RFC 6960 Appendix A.1: HTTP POST of
 * application/ocsp-request). The engine is sans-I/O, so the gateway supplies this; a call blocks the engine's thread
 * for at most {@code timeout}, which is why OCSP is asked only of responders configured for a CA.
 */
@FunctionalInterface
public interface OcspTransport {
    /** For configurations without OCSP responders: every request fails. */
    OcspTransport NONE = (responder, request, timeout) -> {
        throw new IOException("no OCSP transport is configured");
    };

    /** The responder's DER response to {@code request}; an IOException when none came within {@code timeout}. */
    byte[] post(URI responder, byte[] request, Duration timeout) throws IOException;
}
