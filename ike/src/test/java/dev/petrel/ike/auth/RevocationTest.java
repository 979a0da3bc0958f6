package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.Authority;
import dev.petrel.ike.config.Revocation;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.revocation.OcspTransport;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestOcspResponder;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.testkit.pki.TestPki.RevokedEntry;
import java.net.ConnectException;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Revocation of the peer's chain through {@link PeerCertificates#check}: CRLs (revoked, current, stale, missing,
 * forged), OCSP answers (good, revoked, unknown, unreachable, stale, from a delegated responder or an unauthorized
 * one) under each of strongSwan's policies, and the explanation of every refusal. The OCSP responder is
 * {@link TestOcspResponder#answer} behind an in-memory transport; the gateway's tests carry it over HTTP.
 */
class RevocationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofDays(30));
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(30));
    private static final Instant REVOKED_ON = Instant.parse("2025-12-31T00:00:00Z");
    private static final Issued CA = TestPki.ca("CN=CA, C=XX", KeyType.ECDSA_P256, FROM, UNTIL);
    private static final Issued PEER = peer(CA, List.of());
    private static final URI RESPONDER = URI.create("http://ocsp.petrel.test/ocsp");
    private static final OcspTransport UNREACHABLE = (uri, request, timeout) -> {
        throw new ConnectException("Connection refused");
    };

    @Test
    void aCertificateOnTheCrlIsRefusedWhateverThePolicy() {
        X509CRL crl = CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)),
                new RevokedEntry(PEER.certificate(), REVOKED_ON, CRLReason.KEY_COMPROMISE));
        assertEquals("the peer's certificate C=XX, CN=peer was revoked on 2025-12-31T00:00:00Z (keyCompromise) by the "
                + "CRL of C=XX, CN=CA", refusal(PEER, revocation(List.of(crl), List.of(), RevocationPolicy.RELAXED, null)));
    }

    @Test
    void aRevokedIntermediateRevokesTheChain() {
        Issued sub = CA.issue("CN=Sub, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, true);
        X509CRL crl = CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)),
                new RevokedEntry(sub.certificate(), REVOKED_ON, CRLReason.CA_COMPROMISE));
        assertEquals("the peer's CA certificate C=XX, CN=Sub was revoked on 2025-12-31T00:00:00Z (caCompromise) by the "
                + "CRL of C=XX, CN=CA", refusal(peer(sub, List.of()), revocation(List.of(crl), List.of(),
                        RevocationPolicy.RELAXED, null), sub));
    }

    /**
     * The end entity's status from CRLs alone: a current CRL that does not list it is good under every policy; a
     * stale one is refused by strict and ifuri; none at all only by strict; none though the certificate names a CRL
     * distribution point by strict and ifuri.
     */
    @ParameterizedTest(name = "{0} CRL, {1}")
    @CsvSource({
        "current, strict, ", "current, ifuri, ", "current, relaxed, ",
        "stale, strict, 'is not known (no OCSP responder is configured for C=XX, CN=CA; the CRL of C=XX, CN=CA is stale since 2025-12-31T23:00:00Z), and revocation = strict wants it known good'",
        "stale, ifuri, 'could not be had (no OCSP responder is configured for C=XX, CN=CA; the CRL of C=XX, CN=CA is stale since 2025-12-31T23:00:00Z), and revocation = ifuri wants it where a CRL or OCSP URI is published'",
        "stale, relaxed, ",
        "no, strict, 'is not known (no OCSP responder is configured for C=XX, CN=CA; no CRL of C=XX, CN=CA is loaded)'",
        "no, ifuri, ", "no, relaxed, ",
        "published, strict, 'is not known (no OCSP responder is configured for C=XX, CN=CA; no CRL of C=XX, CN=CA is loaded, though CRLs are published at [http://crl.petrel.test/ca.crl])'",
        "published, ifuri, 'could not be had (no OCSP responder is configured for C=XX, CN=CA; no CRL of C=XX, CN=CA is loaded, though CRLs are published at [http://crl.petrel.test/ca.crl])'",
        "published, relaxed, ",
    })
    void theEndEntityStatusFromCrlsUnderEachPolicy(String crl, String policy, String refusal) {
        Issued peer = crl.equals("published") ? peer(CA, List.of(TestPki.crlDistributionPoint("http://crl.petrel.test/ca.crl")))
                : PEER;
        List<X509CRL> crls = switch (crl) {
            case "current" -> List.of(CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7))));
            case "stale" -> List.of(CA.crl(NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofHours(1))));
            default -> List.of();
        };
        expect(refusal, peer, revocation(crls, List.of(), policy(policy), null));
    }

    /**
     * The end entity's status from the CA's OCSP responder, with no CRL: good passes every policy, revoked none,
     * unknown and unreachable fail strict and ifuri (a responder is configured, so a status should exist).
     */
    @ParameterizedTest(name = "OCSP {0}, {1}")
    @CsvSource({
        "good, strict, ", "good, ifuri, ", "good, relaxed, ",
        "revoked, strict, 'was revoked on 2025-12-31T00:00:00Z (keyCompromise) according to OCSP responder http://ocsp.petrel.test/ocsp (signed by C=XX, CN=CA)'",
        "revoked, ifuri, 'was revoked on 2025-12-31T00:00:00Z (keyCompromise) according to OCSP responder'",
        "revoked, relaxed, 'was revoked on 2025-12-31T00:00:00Z (keyCompromise) according to OCSP responder'",
        "unknown, strict, 'is not known (OCSP responder http://ocsp.petrel.test/ocsp (signed by C=XX, CN=CA) does not know the certificate (status unknown); no CRL of C=XX, CN=CA is loaded)'",
        "unknown, ifuri, 'could not be had (OCSP responder http://ocsp.petrel.test/ocsp (signed by C=XX, CN=CA) does not know the certificate'",
        "unknown, relaxed, ",
        "unreachable, strict, 'is not known (OCSP responder http://ocsp.petrel.test/ocsp: Connection refused; no CRL of C=XX, CN=CA is loaded)'",
        "unreachable, ifuri, 'could not be had (OCSP responder http://ocsp.petrel.test/ocsp: Connection refused; no CRL'",
        "unreachable, relaxed, ",
    })
    void theEndEntityStatusFromOcspUnderEachPolicy(String answer, String policy, String refusal) {
        TestOcspResponder responder = responder(CA, false);
        switch (answer) {
            case "revoked" -> responder.revoke(PEER.certificate(), REVOKED_ON, CRLReason.KEY_COMPROMISE);
            case "unknown" -> responder.unknown(PEER.certificate());
            default -> { }
        }
        OcspTransport transport = answer.equals("unreachable") ? UNREACHABLE : (uri, request, timeout) -> responder.answer(request);
        expect(refusal, PEER, revocation(List.of(), List.of(authority(RESPONDER)), policy(policy), transport));
        assertEquals(answer.equals("unreachable") ? 0 : 1, responder.requests());
    }

    @Test
    void aCurrentCrlSettlesWhatAnUnreachableResponderCannot() {
        accepted(PEER, revocation(List.of(CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)))),
                List.of(authority(RESPONDER)), RevocationPolicy.STRICT, UNREACHABLE));
    }

    /** RFC 6960 §4.2.2.2: a responder certificate the CA issued for OCSPSigning may sign; one without it may not. */
    @Test
    void aDelegatedResponderMustBeAuthorizedByTheCa() {
        Issued delegate = CA.issue(List.of(TestPki.extendedKeyUsage("1.3.6.1.5.5.7.3.9")), "CN=OCSP, C=XX",
                KeyType.ECDSA_P256, FROM, UNTIL, false);
        TestOcspResponder authorized = responder(delegate, true);
        accepted(PEER, revocation(List.of(), List.of(authority(RESPONDER)), RevocationPolicy.STRICT,
                (uri, request, timeout) -> authorized.answer(request)));

        Issued stranger = CA.issue("CN=Not OCSP, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false);
        TestOcspResponder unauthorized = responder(stranger, true).revoke(PEER.certificate(), REVOKED_ON,
                CRLReason.KEY_COMPROMISE);
        expect("(OCSP responder http://ocsp.petrel.test/ocsp signed its response with neither the key of C=XX, CN=CA nor "
                + "that of a responder certificate it issued for OCSPSigning (RFC 6960 §4.2.2.2)", PEER, revocation(
                        List.of(), List.of(authority(RESPONDER)), RevocationPolicy.STRICT,
                        (uri, request, timeout) -> unauthorized.answer(request)));
    }

    @Test
    void aStaleResponseFailsIfuri() {
        TestOcspResponder old = new TestOcspResponder(CA, false, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));
        expect("could not be had (the response of OCSP responder http://ocsp.petrel.test/ocsp (signed by C=XX, CN=CA) is "
                + "stale since 2025-12-31T00:00:00Z; no CRL of C=XX, CN=CA is loaded)", PEER, revocation(List.of(),
                        List.of(authority(RESPONDER)), RevocationPolicy.IFURI, (uri, request, timeout) -> old.answer(request)));
    }

    /** A CRL with the CA's name that the CA's key does not verify is no CRL of it: here a revocation is ignored. */
    @Test
    void aCrlTheCaDidNotSignIsNotUsed() {
        Issued impostor = TestPki.ca("CN=CA, C=XX", KeyType.ECDSA_P256, FROM, UNTIL);
        X509CRL forged = impostor.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)),
                new RevokedEntry(PEER.certificate(), REVOKED_ON, CRLReason.KEY_COMPROMISE));
        accepted(PEER, revocation(List.of(forged), List.of(), RevocationPolicy.RELAXED, null));
        expect("no CRL of C=XX, CN=CA is loaded that its key verifies and its keyUsage allows", PEER,
                revocation(List.of(forged), List.of(), RevocationPolicy.STRICT, null));
    }

    /** The certificate's own OCSP URI is not asked, but with none configured it makes the status FAILED, not SKIPPED. */
    @Test
    void anOcspUriInTheCertificateIsNotAskedButCountsForIfuri() {
        Issued peer = peer(CA, List.of(TestPki.ocspResponder("http://ocsp.petrel.test/named")));
        expect("could not be had (no OCSP responder is configured for C=XX, CN=CA, and Petrel does not ask "
                + "[http://ocsp.petrel.test/named], which the certificate names; no CRL of C=XX, CN=CA is loaded)", peer,
                revocation(List.of(), List.of(), RevocationPolicy.IFURI, null));
    }

    private static void expect(String refusal, Issued peer, Revocation revocation) {
        if (refusal == null) {
            accepted(peer, revocation);
        } else {
            String why = refusal(peer, revocation);
            assertTrue(why.contains(refusal), why);
            assertTrue(why.startsWith("the "), why);
        }
    }

    private static Issued peer(Issued issuer, List<org.bouncycastle.asn1.x509.Extension> extensions) {
        return issuer.issue(extensions, "CN=peer, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false, "dns:peer.example.com");
    }

    private static TestOcspResponder responder(Issued signer, boolean delegated) {
        return new TestOcspResponder(signer, delegated, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    }

    private static Authority authority(URI responder) {
        return new Authority(CA.certificate(), List.of(), List.of(responder), Duration.ofSeconds(2));
    }

    private static Revocation revocation(List<X509CRL> crls, List<Authority> authorities, RevocationPolicy policy,
            OcspTransport transport) {
        return new Revocation(crls, authorities, policy, transport == null ? OcspTransport.NONE : transport);
    }

    private static RevocationPolicy policy(String keyword) {
        return RevocationPolicy.valueOf(keyword.toUpperCase(java.util.Locale.ROOT));
    }

    private static void accepted(Issued peer, Revocation revocation, Issued... intermediates) {
        Chains.accepted(trust(revocation), Identity.parse("peer.example.com"), NOW, peer, intermediates);
    }

    private static String refusal(Issued peer, Revocation revocation, Issued... intermediates) {
        return Chains.refusal(trust(revocation), Identity.parse("peer.example.com"), NOW, peer, intermediates);
    }

    private static TrustAnchors trust(Revocation revocation) {
        return new TrustAnchors(List.of(CA.certificate()), revocation);
    }
}
