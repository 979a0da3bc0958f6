package dev.petrel.testkit.pki;

import com.sun.net.httpserver.HttpServer;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A tiny OCSP responder for tests (RFC 6960), built on BouncyCastle's OCSP classes: it answers every request with a
 * basic response signed by {@code signer} (the CA itself, or a responder certificate the CA issued, which then
 * travels in the response), dated {@code thisUpdate} to {@code nextUpdate}, good unless {@link #revoke}d or made
 * {@link #unknown}. {@link #answer} is the responder itself; {@link #start} serves it over HTTP POST on loopback
 * (com.sun.net.httpserver), optionally after a {@link #delay}. Not for anything but tests.
 */
public final class TestOcspResponder implements AutoCloseable {
    private static final int MAX_REQUEST = 64 * 1024;

    private final Issued signer;
    private final boolean delegated;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final Map<BigInteger, CertificateStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server;

    /** @param delegated true when {@code signer} is a responder certificate rather than the CA */
    public TestOcspResponder(Issued signer, boolean delegated, Instant thisUpdate, Instant nextUpdate) {
        this.signer = signer;
        this.delegated = delegated;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
    }

    public TestOcspResponder revoke(X509Certificate certificate, Instant when, CRLReason reason) {
        statuses.put(certificate.getSerialNumber(), new RevokedStatus(Date.from(when), reason.ordinal()));
        return this;
    }

    public TestOcspResponder unknown(X509Certificate certificate) {
        statuses.put(certificate.getSerialNumber(), new UnknownStatus());
        return this;
    }

    /** Each HTTP answer waits this long first. */
    public TestOcspResponder delay(Duration wait) {
        this.delay = wait;
        return this;
    }

    /** The requests answered so far. */
    public int requests() {
        return requests.get();
    }

    /** The DER OCSPResponse to the DER OCSPRequest {@code request}; malformedRequest when it is none. */
    public byte[] answer(byte[] request) {
        requests.incrementAndGet();
        try {
            OCSPReq req;
            try {
                req = new OCSPReq(request);
            } catch (IOException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(
                    signer.certificate().getSubjectX500Principal().getEncoded())));
            for (Req r : req.getRequestList()) {
                builder.addResponse(r.getCertID(), statuses.get(r.getCertID().getSerialNumber()), Date.from(thisUpdate),
                        Date.from(nextUpdate), null);
            }
            X509CertificateHolder[] chain = delegated ? new X509CertificateHolder[] {
                    new JcaX509CertificateHolder(signer.certificate())} : null;
            var basic = builder.build(new JcaContentSignerBuilder(TestPki.typeOf(signer).certificateSignature())
                    .build(signer.privateKey()), chain, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("the test responder cannot answer", e);
        }
    }

    /** Serves {@link #answer} at the returned http URI on 127.0.0.1 until {@link #close}. */
    public URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                byte[] request = in.readNBytes(MAX_REQUEST);
                Thread.sleep(delay);
                byte[] response = answer(request);
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, response.length);
                out.write(response);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
