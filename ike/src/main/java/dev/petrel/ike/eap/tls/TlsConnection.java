package dev.petrel.ike.eap.tls;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.eap.EapException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.TrustManager;

/**
 * The JDK's TLS ({@link SSLEngine}) driven sans-I/O: records in, records out, delegated tasks run inline, every loop
 * and buffer bounded. The MSK comes from the JDK's keying material exporter: for TLS 1.2 RFC 5216 §2.3's
 * TLS-PRF(master_secret, "client EAP encryption", client.random || server.random), which is RFC 5705's exporter
 * without context; for TLS 1.3 the same label through TLS 1.3's exporter, as strongSwan 5.9 has it ({@link #msk}). The JDK
 * exports from TLS 1.2 only with the extended master secret (RFC 7627 §5.4), which strongSwan 5.9's libtls does not
 * negotiate; TLS 1.3 is therefore offered first.
 */
final class TlsConnection {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final int MSK_LENGTH = 64;
    private static final int MAX_STEPS = 256;
    /** Application data is one octet at most: RFC 9190's protected success indication. */
    private static final int MAX_APPLICATION_DATA = 16;
    private static final String RFC5216_LABEL = "client EAP encryption";

    private static final String CERTIFICATE_AUTHORITIES = "certificate_authorities";
    private static final String CLIENT_DISABLED_EXTENSIONS = "jdk.tls.client.disableExtensions";

    static {
        // The JDK reads these once per JVM, so they are set before the first SSLContext.
        // strongSwan 5.9's libtls crashes on a TLS 1.3 NewSessionTicket; EAP-TLS never resumes (RFC 9190 §2.1.2
        // lets the server send none).
        if (System.getProperty("jdk.tls.server.newSessionTicketCount") == null) {
            System.setProperty("jdk.tls.server.newSessionTicketCount", "0");
        }
        // strongSwan 5.9's TLS 1.3 server lists only its RSA CAs in the CertificateRequest's certificate_authorities
        // extension: with ECDSA CAs the list is empty, which RFC 8446 §4.2.4 forbids (authorities<3..2^16-1>) and the
        // JDK's client rejects ("insufficient data"), failing the handshake. Our client presents its one configured
        // certificate whatever CAs the server names, so it does without the extension.
        String disabled = System.getProperty(CLIENT_DISABLED_EXTENSIONS, "");
        if (!List.of(disabled.split("\\s*,\\s*")).contains(CERTIFICATE_AUTHORITIES)) {
            System.setProperty(CLIENT_DISABLED_EXTENSIONS, disabled.isBlank() ? CERTIFICATE_AUTHORITIES
                    : disabled + "," + CERTIFICATE_AUTHORITIES);
        }
    }

    private final SSLEngine engine;
    private final ByteBuffer application;
    private final ByteBuffer packet;
    private boolean handshakeDone;

    TlsConnection(boolean server, CertificateAuth own, TlsTrust trust, SecureRandom random, List<String> protocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new TlsKeys(own)}, new TrustManager[] {trust}, random);
            engine = context.createSSLEngine();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS cannot be set up: " + e.getMessage(), e);
        }
        engine.setUseClientMode(!server);
        engine.setEnabledProtocols(protocols.toArray(String[]::new));
        if (server) {
            engine.setNeedClientAuth(true); // EAP-TLS authenticates the peer by its certificate (RFC 5216 §2.1.1)
        }
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's TLS does not begin a handshake: " + e.getMessage(), e);
        }
        application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        packet = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** What the other side's records produced: records to send, and application data received. */
    record Exchange(byte[] records, byte[] applicationData) {}

    /** Feeds the other side's records and runs the handshake as far as they take it. */
    Exchange exchange(byte[] received) throws SSLException, EapException {
        ByteBuffer in = ByteBuffer.wrap(received);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int step = 0; step < MAX_STEPS; step++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                // a TLS 1.3 server that sends no NewSessionTicket finishes in a task, and no result says FINISHED
                handshakeDone |= engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
            } else if (status == HandshakeStatus.NEED_WRAP) {
                wrap(ByteBuffer.allocate(0), out);
            } else if (in.hasRemaining() || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                unwrap(in, data);
            } else {
                return new Exchange(out.toByteArray(), data.toByteArray());
            }
        }
        throw new EapException("EAP-TLS: the TLS engine did not settle in " + MAX_STEPS + " steps");
    }

    private void wrap(ByteBuffer source, ByteArrayOutputStream out) throws SSLException, EapException {
        packet.clear();
        SSLEngineResult result = engine.wrap(source, packet);
        note(result);
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new EapException("EAP-TLS: the TLS engine could not write a record (" + result.getStatus() + ")");
        }
        out.write(packet.array(), 0, packet.position());
        if (out.size() > EapTlsTransport.MAX_MESSAGE) {
            throw new EapException("EAP-TLS: our TLS flight is more than " + EapTlsTransport.MAX_MESSAGE + " octets");
        }
    }

    private void unwrap(ByteBuffer in, ByteArrayOutputStream data) throws SSLException, EapException {
        application.clear();
        SSLEngineResult result = engine.unwrap(in, application);
        note(result);
        switch (result.getStatus()) {
            case OK -> {
                data.write(application.array(), 0, application.position());
                if (data.size() > MAX_APPLICATION_DATA) {
                    throw new EapException("EAP-TLS: the other side sent application data, which EAP-TLS does not "
                            + "carry");
                }
            }
            case BUFFER_UNDERFLOW -> throw new EapException("EAP-TLS: the message ends inside a TLS record");
            case BUFFER_OVERFLOW -> throw new EapException("EAP-TLS: a TLS record holds more than a record can");
            case CLOSED -> throw new EapException("EAP-TLS: the other side closed the TLS connection");
        }
    }

    private void note(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    boolean tls13() {
        return "TLSv1.3".equals(engine.getSession().getProtocol());
    }

    /**
     * The MSK of the finished handshake, which the caller wipes: with TLS 1.3 the first 64 octets of
     * TLS-Exporter("client EAP encryption", "", 128), as strongSwan 5.9's libtls derives it (it predates RFC 9190's
     * label and context, which other peers would need).
     */
    byte[] msk() throws EapException {
        ExtendedSSLSession session = (ExtendedSSLSession) engine.getSession();
        try {
            if (tls13()) {
                byte[] keyMaterial = session.exportKeyingMaterialData(RFC5216_LABEL, null, 2 * MSK_LENGTH);
                byte[] msk = Arrays.copyOf(keyMaterial, MSK_LENGTH);
                KeyMaterial.wipe(keyMaterial);
                return msk;
            }
            return session.exportKeyingMaterialData(RFC5216_LABEL, null, MSK_LENGTH);
        } catch (SSLKeyException e) {
            throw new EapException("EAP-TLS: no MSK from the " + session.getProtocol() + " session: " + e.getMessage()
                    + " (the JDK exports TLS 1.2 keying material only with the extended master secret, RFC 7627 "
                    + "§5.4, which strongSwan 5.9 does not negotiate: let it use TLS 1.3, charon.tls.version_max = 1.3)");
        }
    }
}
