package dev.petrel.gateway.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.PeerCertificates;
import dev.petrel.ike.config.Authority;
import dev.petrel.ike.config.Revocation;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestOcspResponder;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.CertificatePayload;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OCSP over HTTP to a responder on loopback ({@link TestOcspResponder} over com.sun.net.httpserver): the peer's
 * certificate good, revoked, its responder unreachable or too slow under strict and relaxed policies; a slow
 * responder costs no more than the authority's timeout.
 */
class HttpOcspTest {
    private static final Instant NOW = Instant.now();
    private static final Issued CA = TestPki.ca("CN=OCSP Test CA, C=XX", KeyType.ECDSA_P256, NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(30)));
    private static final Issued PEER = CA.issue("CN=peer, C=XX", KeyType.ECDSA_P256, NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(30)), false, "dns:peer.petrel.test");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void goodAndRevokedTravelOverHttp() throws Exception {
        try (TestOcspResponder responder = responder()) {
            URI uri = responder.start();
            check(uri, RevocationPolicy.STRICT);
            responder.revoke(PEER.certificate(), NOW.minus(Duration.ofHours(1)), CRLReason.KEY_COMPROMISE);
            String why = refusal(uri, RevocationPolicy.RELAXED);
            assertTrue(why.startsWith("the peer's certificate C=XX, CN=peer was revoked on "), why);
            assertTrue(why.endsWith(" (keyCompromise) according to OCSP responder " + uri + " (signed by C=XX, CN=OCSP Test CA)"), why);
            assertEquals(2, responder.requests());
        }
    }

    @Test
    void anUnreachableResponderFailsStrictOnly() throws Exception {
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/ocsp");
        }
        String why = refusal(closed, RevocationPolicy.STRICT);
        assertTrue(why.contains("(OCSP responder " + closed + ": "), why);
        assertTrue(why.endsWith("and revocation = strict wants it known good"), why);
        check(closed, RevocationPolicy.RELAXED);
    }

    @Test
    void aSlowResponderIsGivenUpAfterTheTimeout() throws Exception {
        try (TestOcspResponder responder = responder().delay(TIMEOUT.multipliedBy(3))) {
            URI uri = responder.start();
            String why = refusal(uri, RevocationPolicy.IFURI);
            assertTrue(why.contains("(OCSP responder " + uri + ": no answer within 1000 ms; no CRL of C=XX, CN=OCSP Test CA "
                    + "is loaded)"), why);
        }
    }

    /** A responder that sends more than any OCSP response holds, or an HTTP error, is an IOException that says so. */
    @Test
    void oversizedAndErrorAnswersAreRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/big", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, HttpOcsp.MAX_RESPONSE + 1);
                exchange.getResponseBody().write(new byte[HttpOcsp.MAX_RESPONSE + 1]);
            }
        });
        server.createContext("/error", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(503, -1);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            IOException big = assertThrows(IOException.class, () -> HttpOcsp.INSTANCE.post(URI.create(base + "/big"),
                    new byte[1], TIMEOUT));
            assertTrue(big.getMessage().contains("" + HttpOcsp.MAX_RESPONSE), big.getMessage());
            assertEquals("answered HTTP 503", assertThrows(IOException.class, () -> HttpOcsp.INSTANCE.post(
                    URI.create(base + "/error"), new byte[1], TIMEOUT)).getMessage());
        } finally {
            server.stop(0);
        }
    }

    private static TestOcspResponder responder() {
        return new TestOcspResponder(CA, false, NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofHours(1)));
    }

    private static void check(URI responder, RevocationPolicy policy) throws AuthenticationException {
        PeerCertificates.check(payload(), anchors(responder, policy), Identity.parse("peer.petrel.test"), Instant.now());
    }

    private static String refusal(URI responder, RevocationPolicy policy) {
        return assertThrows(AuthenticationException.class, () -> check(responder, policy)).getMessage();
    }

    private static TrustAnchors anchors(URI responder, RevocationPolicy policy) {
        return new TrustAnchors(List.of(CA.certificate()), new Revocation(List.of(), List.of(new Authority(CA.certificate(),
                List.of(), List.of(responder), TIMEOUT)), policy, HttpOcsp.INSTANCE));
    }

    private static List<CertificatePayload> payload() {
        try {
            return List.of(new CertificatePayload(4, PEER.certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }
}
