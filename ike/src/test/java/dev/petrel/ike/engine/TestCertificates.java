package dev.petrel.ike.engine;

import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.identity.Identity;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A throw-away PKI around EnginePairTest's time (2026-01-01): a CA, and certificates for left.petrel.test and
 * right.petrel.test (subjectAltName dNSName) valid from a year before to a year after; and the {@link Peers}
 * configurations switched from the PSK to them.
 */
final class TestCertificates {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant BEFORE = T0.minus(Duration.ofDays(365));
    static final Instant AFTER = T0.plus(Duration.ofDays(365));
    static final String IKE = "aes128gcm16-prfsha256-x25519";
    static final String ESP = "aes128gcm16";

    private TestCertificates() {}

    static Issued ca(String name) {
        return TestPki.ca("CN=" + name + ", O=Petrel Test, C=XX", KeyType.ECDSA_P256, BEFORE, AFTER);
    }

    /** A certificate for {@code host}.petrel.test from {@code issuer}, valid from {@code notBefore} to {@code notAfter}. */
    static Issued host(Issued issuer, String host, KeyType type, Instant notBefore, Instant notAfter) {
        return issuer.issue("CN=" + host + ".petrel.test, O=Petrel Test, C=XX", type, notBefore, notAfter, false,
                "dns:" + host + ".petrel.test");
    }

    static Issued host(Issued issuer, String host, KeyType type) {
        return host(issuer, host, type, BEFORE, AFTER);
    }

    /** {@code base} authenticating with {@code local} and trusting {@code anchors}, its identity {@code localId}. */
    static IkeConfig with(IkeConfig base, Identity localId, Authentication.Local local, Authentication.Remote remote) {
        return new IkeConfig(base.name(), base.localAddress(), base.remoteAddress(), base.proposals(), localId, local,
                base.remoteId(), remote, base.children(), base.forceEncapsulation());
    }

    /** {@code base} with another CERT and CERTREQ policy. */
    static IkeConfig with(IkeConfig base, CertificatePolicy policy) {
        return new IkeConfig(base.name(), base.localAddress(), base.remoteAddress(), base.proposals(), base.localRounds(),
                base.remoteRounds(), base.children(), base.forceEncapsulation(), base.virtualIps(), policy);
    }

    /** {@code base} with other authentication rounds (RFC 4739); null keeps that side's. */
    static IkeConfig rounds(IkeConfig base, List<LocalRound> local, List<RemoteRound> remote) {
        return new IkeConfig(base.name(), base.localAddress(), base.remoteAddress(), base.proposals(),
                local == null ? base.localRounds() : local, remote == null ? base.remoteRounds() : remote, base.children(),
                base.forceEncapsulation(), base.virtualIps(), base.certificates());
    }

    /** The left gateway with {@code cert} and trust in {@code anchors}. */
    static IkeConfig left(Issued cert, List<Issued> intermediates, Issued... anchors) {
        IkeConfig base = Peers.left(IKE, ESP, false);
        return with(base, base.localId(), auth(cert, intermediates), trust(anchors));
    }

    /** The right gateway with {@code cert} and trust in {@code anchors}. */
    static IkeConfig right(Issued cert, Issued... anchors) {
        IkeConfig base = Peers.right(IKE, ESP, false);
        return with(base, base.localId(), auth(cert, List.of()), trust(anchors));
    }

    static CertificateAuth auth(Issued cert, List<Issued> intermediates) {
        return new CertificateAuth(cert.certificate(), intermediates.stream().map(Issued::certificate).toList(),
                cert.privateKey());
    }

    static TrustAnchors trust(Issued... anchors) {
        return new TrustAnchors(List.of(anchors).stream().map(Issued::certificate).toList());
    }
}
