package dev.petrel.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.interop.Testbed.Established;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.pki.KeyType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Petrel against strongSwan 5.9.8 with X.509 certificates made in the test ({@link Pki}): RFC 7427 signatures with
 * ECDSA P-256, RSA PKCS#1 v1.5, RSASSA-PSS and Ed25519, and the classic methods when strongSwan announces no signature
 * hashes; Petrel initiating and responding; the IKE and CHILD SAs agree as in {@link StrongSwanIkeTest}, keys
 * included. A certificate from a CA Petrel does not trust, and an identity the certificate does not name, are
 * refused by Petrel with the explanation.
 */
class StrongSwanCertificateTest {
    private static final String X25519 = "aes128gcm16-prfsha256-x25519";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void strongSwanAvailable() {
        StrongSwanPeer.assumeAvailable();
    }

    @AfterAll
    static void noNamespaceLeftBehind() throws IOException {
        assertEquals(List.of(), TestNetwork.leftovers(), "namespaces left behind");
    }

    /**
     * Digital Signature authentication (RFC 7427) both ways: charon logs the scheme it verified Petrel's AUTH with, and
     * the one it signed with (which Petrel verified, or it would not be established).
     */
    @ParameterizedTest(name = "{0}{1}, {2} initiates")
    @CsvSource({
        "ECDSA_P256, '', PETREL, ECDSA_WITH_SHA256_DER",
        "ECDSA_P256, '', STRONGSWAN, ECDSA_WITH_SHA256_DER",
        "RSA_3072, '', PETREL, RSA_EMSA_PKCS1_SHA2_256",
        "RSA_3072, '', STRONGSWAN, RSA_EMSA_PKCS1_SHA2_256",
        "RSA_2048, ' with RSASSA-PSS', PETREL, RSA_EMSA_PSS_SHA2_256_SALT_32",
        "RSA_2048, ' with RSASSA-PSS', STRONGSWAN, RSA_EMSA_PSS_SHA2_256_SALT_32",
        "ED25519, '', PETREL, ED25519",
        "ED25519, '', STRONGSWAN, ED25519",
    })
    void digitalSignatures(KeyType type, String pss, Side initiator, String scheme) throws Exception {
        Pki pki = pss.isEmpty() ? Pki.of(type) : Pki.of(type).withPss();
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16").withCertificates(pki))) {
            Established sa = bed.establish(initiator);
            assertEquals("right.petrel.test", sa.petrel().remoteId().toString());
            String log = bed.charon().logText();
            assertTrue(log.contains("authentication of 'left.petrel.test' with " + scheme + " successful"), authLines(log));
            assertTrue(log.contains("authentication of 'right.petrel.test' (myself) with " + scheme + " successful"),
                    authLines(log));
            bed.deleteIke(initiator.other());
        }
    }

    /**
     * With {@code signature_authentication = no} charon announces no hashes (RFC 7427 §4) and signs with the classic
     * method of its key, which Petrel verifies; Petrel then signs with the classic method too (RFC 4754, RFC 7296 §3.8).
     */
    @ParameterizedTest(name = "{0}, {1} initiates, classic {2}")
    @CsvSource({
        "ECDSA_P256, PETREL, ECDSA-256 signature",
        "ECDSA_P256, STRONGSWAN, ECDSA-256 signature",
        "RSA_2048, PETREL, RSA signature",
    })
    void classicMethodsWithoutRfc7427(KeyType type, Side initiator, String method) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16").withCertificates(Pki.of(type)),
                Map.of("charon.signature_authentication", "no"), EngineSettings.DEFAULTS)) {
            bed.establish(initiator);
            String log = bed.charon().logText();
            assertTrue(log.contains("authentication of 'left.petrel.test' with " + method + " successful"), method);
            assertTrue(log.contains("authentication of 'right.petrel.test' (myself) with " + method + " successful"), method);
            bed.deleteIke(initiator);
        }
    }

    /** strongSwan's certificate comes from a CA Petrel does not trust: refused, whoever initiates. */
    @ParameterizedTest(name = "{0} initiates")
    @EnumSource(Side.class)
    void aCertificateFromAnUnknownCaIsRefused(Side initiator) throws Exception {
        Pki pki = Pki.of(KeyType.ECDSA_P256).withStrongSwanFrom(Pki.ca("Unknown CA"));
        String why = refusedByPetrel(pki, initiator);
        assertTrue(why.contains("the peer's certificate C=XX, O=Petrel Interop, CN=right.petrel.test does not chain to a "
                + "trust anchor of the connection: it is issued by C=XX, O=Petrel Interop, CN=Unknown CA, and the anchors "
                + "are [C=XX, O=Petrel Interop, CN=Petrel Interop CA]"), why);
    }

    /** strongSwan claims an identity its certificate does not name (it signs with the key of its certs regardless). */
    @ParameterizedTest(name = "{0} initiates")
    @EnumSource(Side.class)
    void anIdentityNotInTheCertificateIsRefused(Side initiator) throws Exception {
        String why = refusedByPetrel(Pki.of(KeyType.ECDSA_P256).withStrongSwanId("impostor.petrel.test"), initiator);
        assertTrue(why.contains("the peer's identity impostor.petrel.test is not in its certificate (subject C=XX, "
                + "O=Petrel Interop, CN=right.petrel.test, subjectAltNames [dns:right.petrel.test]; RFC 4945 §3.1)"), why);
    }

    /**
     * {@code initiator} starts; Petrel refuses strongSwan's authentication (as responder with AUTHENTICATION_FAILED,
     * as initiator in an INFORMATIONAL after it, RFC 7296 §2.21.2); neither keeps an SA. Returns Petrel's reason.
     */
    private static String refusedByPetrel(Pki pki, Side initiator) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16").withCertificates(pki))) {
            if (initiator == Side.PETREL) {
                bed.petrel().initiate();
            } else {
                try {
                    bed.charon().initiate("net");
                } catch (IOException expected) {
                    // swanctl reports the failed initiation
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (failures(bed).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            bed.petrel().awaitNoSas();
            bed.charon().awaitSas(List::isEmpty, "no IKE_SA", WAIT);
            List<NegotiationFailed> failures = failures(bed);
            assertEquals(1, failures.size(), failures::toString);
            if (initiator == Side.STRONGSWAN) {
                String log = bed.charon().logText();
                assertTrue(log.contains("received AUTHENTICATION_FAILED notify error"), authLines(log));
            }
            return failures.getFirst().explanation();
        }
    }

    /** charon's log lines about authentication, for failure messages. */
    private static String authLines(String log) {
        return String.join("\n", log.lines().filter(l -> l.contains("authentication") || l.contains("AUTH")
                || l.contains("INFORMATIONAL") || l.contains("IKE_SA") && l.contains("[IKE]")).toList());
    }

    private static List<NegotiationFailed> failures(Testbed bed) {
        return bed.petrel().of(NegotiationFailed.class).stream().filter(f -> f.failure() == Failure.AUTHENTICATION).toList();
    }
}
