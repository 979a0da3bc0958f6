package dev.petrel.ike.eap.tls;

import dev.petrel.ike.eap.EapException;
import dev.petrel.ike.eap.MethodResult;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * What both sides of EAP-TLS do with a frame (RFC 5216 §2.1): acknowledgements move our fragments along, fragments
 * of the other side's message are acknowledged, and a whole TLS message goes to the side's handshake. A failure says
 * why, with the certificate check's explanation when that is what stopped the handshake.
 */
abstract sealed class EapTlsMethod permits EapTlsServer, EapTlsPeer {
    final TlsTrust trust;
    final TlsConnection tls;
    final EapTlsTransport transport = new EapTlsTransport();
    private final String other;

    /** {@code other}: who sends the frames, "peer" or "server", for explanations. */
    EapTlsMethod(TlsTrust trust, TlsConnection tls, String other) {
        this.trust = trust;
        this.tls = tls;
        this.other = other;
    }

    /** The Type-Data of the other side's EAP-TLS packet ({@code identifier} plays no part). */
    public final MethodResult receive(byte[] typeData, int identifier, Instant now) {
        try {
            trust.at(now);
            EapTlsFrame frame = EapTlsFrame.decode(typeData);
            if (frame.start() || !started()) {
                return new MethodResult.Continue(start(frame));
            }
            if (transport.sending()) {
                if (!frame.acknowledgement()) {
                    throw new EapException("EAP-TLS: the " + other + " sent data instead of acknowledging our "
                            + "fragment (RFC 5216 §2.1.5)");
                }
                return new MethodResult.Continue(transport.nextFragment());
            }
            if (frame.acknowledgement()) {
                return acknowledged();
            }
            byte[] message = transport.receive(frame);
            return message == null ? new MethodResult.Continue(EapTlsFrame.acknowledgementFrame()) : answer(message);
        } catch (EapException e) {
            return new MethodResult.Failed(e.getMessage());
        } catch (SSLException e) {
            return new MethodResult.Failed("EAP-TLS: " + (trust.refusal() != null ? trust.refusal()
                    : "the TLS handshake failed: " + e.getMessage()));
        }
    }

    /** Whether the EAP-TLS exchange has begun, with the server's Start. */
    abstract boolean started();

    /** The answer to a Start, or to any frame before one. */
    abstract byte[] start(EapTlsFrame frame) throws EapException, SSLException;

    /** The other side acknowledged our last fragment and we have nothing more to send. */
    abstract MethodResult acknowledged() throws EapException;

    /** What answers the other side's whole TLS message: our Type-Data, or the end of the method. */
    abstract MethodResult answer(byte[] message) throws EapException, SSLException;
}
