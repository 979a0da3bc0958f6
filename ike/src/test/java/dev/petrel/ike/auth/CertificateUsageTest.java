package dev.petrel.ike.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the certificates of a chain may be used for: the end entity signs (keyUsage) for IKE (extendedKeyUsage), CAs
 * are CAs with keyCertSign, and names stay inside the name constraints of every CA above, the anchor's included;
 * each refusal names the certificate and the rule.
 */
class CertificateUsageTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofDays(30));
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(30));
    private static final Issued CA = TestPki.ca("CN=CA, C=XX", KeyType.ECDSA_P256, FROM, UNTIL);
    private static final Identity PEER = Identity.parse("peer.example.com");

    @Test
    void anEndEntityWithoutDigitalSignatureIsRefused() {
        Issued peer = peer(CA, List.of(TestPki.keyUsage(KeyUsage.keyEncipherment)));
        assertEquals("the peer's certificate C=XX, CN=peer lacks digitalSignature in its keyUsage: its key may not sign "
                + "AUTH (RFC 4945 §5.1.3.2)", refusal(CA, peer));
        accepted(CA, peer(CA, List.of(TestPki.keyUsage(KeyUsage.nonRepudiation))));
    }

    /** serverAuth, clientAuth, ipsecIKE, anyExtendedKeyUsage and iKEIntermediate each serve IKE. */
    @ParameterizedTest
    @ValueSource(strings = {"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.17", "2.5.29.37.0",
        "1.3.6.1.5.5.8.2.2"})
    void anExtendedKeyUsageForIkeIsAccepted(String oid) {
        accepted(CA, peer(CA, List.of(TestPki.extendedKeyUsage("1.3.6.1.5.5.7.3.4", oid))));
    }

    @Test
    void anExtendedKeyUsageForSomethingElseIsRefused() {
        Issued peer = peer(CA, List.of(TestPki.extendedKeyUsage("1.3.6.1.5.5.7.3.3", "1.3.6.1.5.5.7.3.4", "1.2.3.4")));
        assertEquals("the peer's certificate C=XX, CN=peer is for [codeSigning, emailProtection, 1.2.3.4] only: its "
                + "extendedKeyUsage names none of [serverAuth, clientAuth, ipsecIKE, anyExtendedKeyUsage, "
                + "iKEIntermediate] (RFC 4945 §5.1.3.12)", refusal(CA, peer));
    }

    @Test
    void aGatewayCertificateNamesServerAuthOnlyWithThatUsage() {
        assertTrue(KeyUsages.namesServerAuth(peer(CA, List.of(TestPki.extendedKeyUsage("1.3.6.1.5.5.7.3.2",
                "1.3.6.1.5.5.7.3.1"))).certificate()));
        assertFalse(KeyUsages.namesServerAuth(peer(CA, List.of(TestPki.extendedKeyUsage("1.3.6.1.5.5.7.3.2")))
                .certificate()));
        assertFalse(KeyUsages.namesServerAuth(peer(CA, List.of()).certificate()), "no extendedKeyUsage at all");
    }

    @Test
    void anIntermediateWithoutKeyCertSignOrCaIsRefused() {
        Issued noCertSign = CA.issue(List.of(TestPki.keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign)),
                "CN=Sub, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, true);
        assertEquals("the peer's CA certificate C=XX, CN=Sub lacks keyCertSign in its keyUsage (RFC 5280 §4.2.1.3), yet "
                + "it issued C=XX, CN=peer", refusal(CA, peer(noCertSign, List.of()), noCertSign));
        Issued notCa = CA.issue(List.of(TestPki.basicConstraints(false)), "CN=Sub, C=XX", KeyType.ECDSA_P256, FROM,
                UNTIL, true);
        assertEquals("the peer's CA certificate C=XX, CN=Sub is no CA certificate (its basicConstraints lack cA; RFC 5280 "
                + "§4.2.1.9), yet it issued C=XX, CN=peer", refusal(CA, peer(notCa, List.of()), notCa));
    }

    @Test
    void anAnchorThatIsNoCurrentCaIsRefused() {
        Issued noCertSign = TestPki.ca(List.of(TestPki.keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign)),
                "CN=Odd CA, C=XX", KeyType.ECDSA_P256, FROM, UNTIL);
        assertEquals("the trust anchor C=XX, CN=Odd CA lacks keyCertSign in its keyUsage: it may not sign certificates "
                + "(RFC 5280 §4.2.1.3)", refusal(noCertSign, peer(noCertSign, List.of())));
        Issued expired = TestPki.ca("CN=Old CA, C=XX", KeyType.ECDSA_P256, FROM, NOW.minus(Duration.ofDays(1)));
        assertEquals("the trust anchor C=XX, CN=Old CA expired on 2025-12-31T00:00:00Z (now 2026-01-01T00:00:00Z)",
                refusal(expired, expired.issue("CN=peer, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false, "dns:peer.example.com")));
    }

    /** The JDK's PKIX validator enforces an intermediate's name constraints; BouncyCastle's validator the anchor's. */
    @Test
    void nameConstraintsOfEveryCaAboveAreEnforced() {
        Issued constrained = CA.issue(List.of(TestPki.permittedDnsNames("allowed.test")), "CN=Sub, C=XX",
                KeyType.ECDSA_P256, FROM, UNTIL, true);
        assertEquals("the peer's certificate C=XX, CN=peer has a name its issuers' name constraints forbid (subject "
                + "C=XX, CN=peer, subjectAltNames [dns:peer.example.com]; RFC 5280 §4.2.1.10)",
                refusal(CA, peer(constrained, List.of()), constrained));
        Issued inside = constrained.issue("CN=peer, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false, "dns:peer.allowed.test");
        accepted(CA, inside, Identity.parse("peer.allowed.test"), constrained);

        Issued constrainedRoot = TestPki.ca(List.of(TestPki.permittedDnsNames("allowed.test")), "CN=Root, C=XX",
                KeyType.ECDSA_P256, FROM, UNTIL);
        assertEquals("the peer's certificate C=XX, CN=peer has a name the name constraints of the trust anchor C=XX, "
                + "CN=Root forbid (subject C=XX, CN=peer, subjectAltNames [dns:peer.example.com]; RFC 5280 §4.2.1.10)",
                refusal(constrainedRoot, peer(constrainedRoot, List.of())));
        accepted(constrainedRoot, constrainedRoot.issue("CN=peer, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false,
                "dns:peer.allowed.test"), Identity.parse("peer.allowed.test"));
    }

    private static Issued peer(Issued issuer, List<Extension> extensions) {
        return issuer.issue(extensions, "CN=peer, C=XX", KeyType.ECDSA_P256, FROM, UNTIL, false, "dns:peer.example.com");
    }

    private static void accepted(Issued anchor, Issued peer, Identity id, Issued... intermediates) {
        Chains.accepted(new TrustAnchors(List.of(anchor.certificate())), id, NOW, peer, intermediates);
    }

    private static void accepted(Issued anchor, Issued peer) {
        accepted(anchor, peer, PEER);
    }

    private static String refusal(Issued anchor, Issued peer, Issued... intermediates) {
        return Chains.refusal(new TrustAnchors(List.of(anchor.certificate())), PEER, NOW, peer, intermediates);
    }
}
