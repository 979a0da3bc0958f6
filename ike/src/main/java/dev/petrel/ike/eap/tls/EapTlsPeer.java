package dev.petrel.ike.eap.tls;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.eap.EapException;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.PeerMethod;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * EAP-TLS on the peer's side (RFC 5216): after the server's Start, the TLS handshake in fragments, with our
 * certificate, the server's chained to the configured anchors. It is finished when the handshake is: with TLS 1.3 the
 * server may then send the protected success indication, application data of one octet 0x00 (RFC 9190 §2.5), which
 * is acknowledged, or EAP-Success at once, as strongSwan 5.9 does; each server flight that leaves us nothing to send
 * is acknowledged with an empty response. Whether the server's
 * certificate names the server's IKE identity is the caller's to check ({@link #serverCertificate()}), as strongSwan
 * checks it against the IKE identity.
 */
public final class EapTlsPeer extends EapTlsMethod implements PeerMethod {
    private boolean started;
    private boolean indicated;
    private byte[] msk;

    public EapTlsPeer(CertificateAuth own, TrustAnchors anchors, SecureRandom random) {
        this(own, anchors, random, TlsConnection.PROTOCOLS);
    }

    /** As above, with only {@code protocols} ({@code TLSv1.3}, {@code TLSv1.2}) enabled. */
    public EapTlsPeer(CertificateAuth own, TrustAnchors anchors, SecureRandom random, List<String> protocols) {
        this(new TlsTrust(anchors, null), own, random, protocols);
    }

    private EapTlsPeer(TlsTrust trust, CertificateAuth own, SecureRandom random, List<String> protocols) {
        super(trust, new TlsConnection(false, own, trust, random, protocols), "server");
    }

    @Override
    boolean started() {
        return started;
    }

    @Override
    byte[] start(EapTlsFrame frame) throws EapException, SSLException {
        if (started || !frame.start()) {
            throw new EapException(started ? "EAP-TLS: a second Start from the server"
                    : "EAP-TLS: the server's first request is no Start (RFC 5216 §2.1.1)");
        }
        started = true;
        return transport.send(tls.exchange(new byte[0]).records());
    }

    @Override
    MethodResult acknowledged() throws EapException {
        throw new EapException("EAP-TLS: the server acknowledged a fragment we did not send");
    }

    @Override
    MethodResult answer(byte[] message) throws SSLException, EapException {
        byte[] flight = handshake(message);
        return new MethodResult.Continue(flight.length > 0 ? transport.send(flight) : EapTlsFrame.acknowledgementFrame());
    }

    /** Our flight in answer to the server's TLS message; the MSK once the handshake is done and confirmed. */
    private byte[] handshake(byte[] message) throws SSLException, EapException {
        TlsConnection.Exchange exchange = tls.exchange(message);
        byte[] data = exchange.applicationData();
        if (data.length > 0) {
            if (!tls.handshakeDone() || !tls.tls13() || indicated || !Arrays.equals(data, new byte[] {0})) {
                throw new EapException("EAP-TLS: the server sent application data other than TLS 1.3's protected "
                        + "success indication, one octet 0x00 after the handshake (RFC 9190 §2.5)");
            }
            indicated = true;
        }
        if (tls.handshakeDone() && msk == null) {
            msk = tls.msk();
        }
        return exchange.records();
    }

    @Override
    public boolean finished() {
        return msk != null && !transport.sending();
    }

    @Override
    public byte[] msk() {
        return finished() ? msk.clone() : null;
    }

    @Override
    public String status() {
        if (finished()) {
            return "the TLS handshake is done";
        }
        return !started ? "no Start yet" : "in the TLS handshake";
    }

    @Override
    public X509Certificate serverCertificate() {
        return trust.accepted();
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(msk);
    }
}
