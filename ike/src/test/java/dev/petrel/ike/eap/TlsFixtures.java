package dev.petrel.ike.eap;

import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Throw-away PKIs for EAP-TLS around {@link Conversation#NOW}: per key type a CA, an intermediate CA, a server
 * certificate for vpn.petrel.test and a client certificate for alice@petrel.test, each end entity issued by the
 * intermediate and sent with it; and a stranger CA that issued a client certificate for alice too.
 */
public record TlsFixtures(Issued ca, Issued intermediate, Issued server, Issued client, Issued stranger,
        Issued strangersClient) {
    static final Instant BEFORE = Conversation.NOW.minus(Duration.ofDays(365));
    static final Instant AFTER = Conversation.NOW.plus(Duration.ofDays(365));
    public static final String ALICE = "alice@petrel.test";
    public static final TlsFixtures ECDSA = of(KeyType.ECDSA_P256);
    public static final TlsFixtures RSA = of(KeyType.RSA_2048);

    static TlsFixtures of(KeyType type) {
        Issued ca = TestPki.ca("CN=EAP Root " + type + ", O=Petrel Test, C=XX", type, BEFORE, AFTER);
        Issued intermediate = ca.issue("CN=EAP Intermediate " + type + ", O=Petrel Test, C=XX", type, BEFORE, AFTER,
                true);
        Issued stranger = TestPki.ca("CN=Stranger " + type + ", O=Elsewhere, C=XX", type, BEFORE, AFTER);
        return new TlsFixtures(ca, intermediate, host(intermediate, type), alice(intermediate, type, BEFORE), stranger,
                alice(stranger, type, BEFORE));
    }

    static Issued host(Issued issuer, KeyType type) {
        return issuer.issue("CN=vpn.petrel.test, O=Petrel Test, C=XX", type, BEFORE, AFTER, false,
                "dns:vpn.petrel.test");
    }

    static Issued alice(Issued issuer, KeyType type, Instant notBefore) {
        return issuer.issue("CN=Alice, O=Petrel Test, C=XX", type, notBefore, AFTER, false, "email:" + ALICE);
    }

    public CertificateAuth serverAuth() {
        return auth(server);
    }

    public CertificateAuth clientAuth() {
        return auth(client);
    }

    /** {@code cert} sent with the intermediate when this PKI's intermediate issued it. */
    public CertificateAuth auth(Issued cert) {
        boolean ours = cert.certificate().getIssuerX500Principal()
                .equals(intermediate.certificate().getSubjectX500Principal());
        return new CertificateAuth(cert.certificate(), ours ? List.of(intermediate.certificate()) : List.of(),
                cert.privateKey());
    }

    public TrustAnchors anchors() {
        return new TrustAnchors(List.of(ca.certificate()));
    }

    public TrustAnchors strangerAnchors() {
        return new TrustAnchors(List.of(stranger.certificate()));
    }
}
