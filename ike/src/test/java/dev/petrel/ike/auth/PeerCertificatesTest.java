package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.ike.CertificatePayload;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerCertificatesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Issued CA = TestPki.ca("CN=CA, C=XX", KeyType.ECDSA_P256, NOW.minusSeconds(86_400), NOW.plusSeconds(86_400));
    private static final Issued PEER = CA.issue("CN=peer, O=Org, C=XX", KeyType.ECDSA_P256, NOW.minusSeconds(3600),
            NOW.plusSeconds(3600), false, "dns:peer.example.com", "email:vpn@example.com", "ip:192.0.2.7", "ip:2001:db8::7");
    private static final TrustAnchors ANCHORS = new TrustAnchors(List.of(CA.certificate()));

    /** RFC 4945 §3.1: DN against the subject, FQDN/RFC822 (any case) and addresses against subjectAltName. */
    @ParameterizedTest
    @CsvSource({
        "'C=XX, O=Org, CN=peer', true", "peer.example.com, true", "PEER.Example.COM, true", "vpn@example.com, true",
        "192.0.2.7, true", "2001:db8::7, true", "'C=XX, O=Org, CN=other', false", "other.example.com, false",
        "192.0.2.8, false", "keyid:0a0b, false", "peer, false",
    })
    void identitiesInTheCertificate(String identity, boolean contained) {
        assertEquals(contained, CertificateIdentity.contains(PEER.certificate(), Identity.parse(identity)));
    }

    @Test
    void hashAndUrlAndOtherEncodingsAreRefusedWithAReason() {
        assertEquals("the peer sent a CERT payload of HASH_AND_URL_X509_CERTIFICATE, which Petrel does not fetch: it "
                + "sends no HTTP_CERT_LOOKUP_SUPPORTED (RFC 7296 §3.6)", refusal(List.of(new CertificatePayload(12, new byte[40]))));
        assertEquals("the peer sent a CERT payload of HASH_AND_URL_X509_BUNDLE, which Petrel does not fetch: it "
                + "sends no HTTP_CERT_LOOKUP_SUPPORTED (RFC 7296 §3.6)", refusal(List.of(new CertificatePayload(13, new byte[40]))));
        assertEquals("the peer sent a CERT payload of PKCS7_WRAPPED_X509_CERTIFICATE; Petrel takes "
                + "X509_CERTIFICATE_SIGNATURE (4) only", refusal(List.of(new CertificatePayload(1, new byte[4]))));
        assertEquals("the peer sent no certificate (CERT payload), though the connection authenticates it by "
                + "certificate", refusal(List.of()));
        assertTrue(refusal(List.of(new CertificatePayload(4, new byte[] {0x30, 0x03, 1, 2, 3})))
                .startsWith("the peer's CERT payload 1 is no DER X.509 certificate"));
    }

    @Test
    void theEndEntityComesFirstAndItsIdentityIsChecked() throws Exception {
        CertificatePayload peer = new CertificatePayload(4, PEER.certificate().getEncoded());
        assertEquals(PEER.certificate(), PeerCertificates.check(List.of(peer), ANCHORS, Identity.parse("peer.example.com"), NOW));
        String refused = assertThrows(AuthenticationException.class, () -> PeerCertificates.check(List.of(peer), ANCHORS,
                Identity.parse("mallory.example.com"), NOW)).getMessage();
        assertEquals("the peer's identity mallory.example.com is not in its certificate (subject C=XX, O=Org, CN=peer, "
                + "subjectAltNames [dns:peer.example.com, email:vpn@example.com, ip:192.0.2.7, ip:2001:db8:0:0:0:0:0:7]; "
                + "RFC 4945 §3.1)", refused);
        assertFalse(refused.contains("BEGIN"));
    }

    private static String refusal(List<CertificatePayload> payloads) {
        return assertThrows(AuthenticationException.class,
                () -> PeerCertificates.check(payloads, ANCHORS, Identity.parse("peer.example.com"), NOW)).getMessage();
    }
}
