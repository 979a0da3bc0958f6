package dev.petrel.gateway.interop;

import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The certificates of a case with public key authentication, made in the test (BouncyCastle's builder over JCA keys):
 * one CA, which both sides trust, and a certificate of {@code type} for each side's identity (subjectAltName
 * dNSName), valid from a day ago for a month. strongSwan's may come from another CA, and it may claim another identity
 * than its certificate's; both may sign with RSASSA-PSS.
 *
 * @param strongSwanAuth strongSwan's local {@code auth}: {@code pubkey}, or {@code ike:rsa/pss-sha256}
 * @param strongSwanId the identity strongSwan claims (its local {@code id})
 */
record Pki(Issued ca, Issued petrel, Issued strongSwan, boolean petrelPss, String strongSwanAuth, String strongSwanId) {
    private static final Instant NOW = Instant.now();
    static final Issued CA = ca("Petrel Interop CA");

    /** Both sides with {@code type} keys from the common CA, each signing with its default scheme (RSA: PKCS#1 v1.5). */
    static Pki of(KeyType type) {
        return new Pki(CA, host(CA, Connection.LEFT_ID, type), host(CA, Connection.RIGHT_ID, type), false, "pubkey",
                Connection.RIGHT_ID);
    }

    /** Both sides sign with RSASSA-PSS (Petrel's CertificateAuth with PSS schemes, strongSwan's ike:rsa/pss-sha256). */
    Pki withPss() {
        return new Pki(ca, petrel, strongSwan, true, "ike:rsa/pss-sha256", strongSwanId);
    }

    /** strongSwan's certificate from {@code issuer} instead. */
    Pki withStrongSwanFrom(Issued issuer) {
        return new Pki(ca, petrel, host(issuer, Connection.RIGHT_ID, KeyType.ECDSA_P256), petrelPss, strongSwanAuth,
                strongSwanId);
    }

    /** strongSwan claims {@code id}, which its certificate does not name. */
    Pki withStrongSwanId(String id) {
        return new Pki(ca, petrel, strongSwan, petrelPss, strongSwanAuth, id);
    }

    static Issued ca(String name) {
        return TestPki.ca("CN=" + name + ", O=Petrel Interop, C=XX", KeyType.ECDSA_P256, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
    }

    CertificateAuth petrelAuth() {
        return new CertificateAuth(petrel.certificate(), List.of(), petrel.privateKey(),
                SignatureScheme.preferredFor(petrel.privateKey(), petrelPss));
    }

    TrustAnchors petrelTrust() {
        return new TrustAnchors(List.of(ca.certificate()));
    }

    /** strongSwan's swanctl folder: its certificate, its key and the CA, where {@code swanctl --load-all} reads them. */
    Map<String, String> strongSwanFiles() {
        return Map.of("x509ca/ca.pem", TestPki.pem(ca.certificate()), "x509/right.pem", TestPki.pem(strongSwan.certificate()),
                "private/right.key", TestPki.pem(strongSwan.privateKey()));
    }

    private static Issued host(Issued issuer, String name, KeyType type) {
        return issuer.issue("CN=" + name + ", O=Petrel Interop, C=XX", type, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), false, "dns:" + name);
    }

    @Override
    public String toString() {
        return "Pki[" + petrel.certificate().getPublicKey().getAlgorithm() + (petrelPss ? " PSS" : "") + ", strongSwan "
                + strongSwanAuth + " as " + strongSwanId + "]";
    }
}
