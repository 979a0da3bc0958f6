package dev.petrel.ike.eap.tls;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.EapException;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.ServerMethod;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * EAP-TLS on the authenticator's side (RFC 5216): a Start, then the TLS handshake in fragments, with a client
 * certificate required, chaining to the configured anchors and naming the peer's EAP identity ({@link TlsTrust}).
 * Once the handshake is done the server sends its last flight, if it has one (TLS 1.2), and the peer's empty
 * acknowledgement of it ends the method with the MSK; with TLS 1.3 the client's Finished ends it at once. RFC 9190
 * §2.5 would have the server send a protected success indication (one octet 0x00 of application data) first, but
 * strongSwan 5.9's libtls, which neither sends nor expects it, crashes on it; its server goes straight to EAP-Success,
 * and so does Petrel's.
 */
public final class EapTlsServer extends EapTlsMethod implements ServerMethod {
    private final String identity;
    private byte[] msk;

    /** {@code identity}: the peer's EAP identity, which its certificate must name. */
    public EapTlsServer(String identity, CertificateAuth own, TrustAnchors anchors, SecureRandom random) {
        this(identity, own, anchors, random, TlsConnection.PROTOCOLS);
    }

    /** As above, with only {@code protocols} ({@code TLSv1.3}, {@code TLSv1.2}) enabled. */
    public EapTlsServer(String identity, CertificateAuth own, TrustAnchors anchors, SecureRandom random,
            List<String> protocols) {
        this(identity, new TlsTrust(anchors, identity), own, random, protocols);
    }

    private EapTlsServer(String identity, TlsTrust trust, CertificateAuth own, SecureRandom random,
            List<String> protocols) {
        super(trust, new TlsConnection(true, own, trust, random, protocols), "peer");
        this.identity = identity;
    }

    @Override
    public byte[] start(int identifier) {
        return EapTlsFrame.startFrame();
    }

    @Override
    boolean started() {
        return true;
    }

    @Override
    byte[] start(EapTlsFrame frame) throws EapException {
        throw new EapException("EAP-TLS: the peer sent a Start, which only the server sends (RFC 5216 §3.1)");
    }

    @Override
    MethodResult acknowledged() throws EapException {
        if (msk == null) {
            throw new EapException("EAP-TLS: the peer acknowledged a fragment we did not send");
        }
        return new MethodResult.Authenticated(msk.clone(), identity);
    }

    /** Our flight in answer to the peer's TLS message, or the end of the method when the handshake left none. */
    @Override
    MethodResult answer(byte[] message) throws SSLException, EapException {
        byte[] flight = handshake(message);
        if (flight.length == 0) {
            return new MethodResult.Authenticated(msk.clone(), identity);
        }
        return new MethodResult.Continue(transport.send(flight));
    }

    private byte[] handshake(byte[] message) throws SSLException, EapException {
        TlsConnection.Exchange exchange = tls.exchange(message);
        if (exchange.applicationData().length > 0) {
            throw new EapException("EAP-TLS: the peer sent application data, which EAP-TLS does not carry");
        }
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.writeBytes(exchange.records());
        if (tls.handshakeDone() && msk == null) {
            msk = tls.msk();
        }
        if (flight.size() == 0 && msk == null) {
            throw new EapException("EAP-TLS: the peer's TLS message leaves the handshake unfinished with nothing "
                    + "for us to send");
        }
        return flight.toByteArray();
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(msk);
    }
}
