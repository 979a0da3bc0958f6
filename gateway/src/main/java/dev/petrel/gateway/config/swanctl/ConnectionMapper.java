package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.Child;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code connections.NAME} section, with strongSwan's defaults: version 0 (IKEv2 here), addresses %any,
 * ports 500, IKE proposals {@code default}, no forced encapsulation, no DPD, rekeying after 4 h, certificates sent
 * if asked ({@code send_cert = ifasked}), certificate requests sent ({@code send_certreq = yes}), revocation relaxed.
 */
final class ConnectionMapper {
    private static final int IKE_PORT = 500;
    private static final Duration REKEY_TIME = Duration.ofHours(4);

    private static final List<OneValue> ONE_VALUE = List.of(
            new OneValue("mobike", s -> !Values.bool(s), "MOBIKE (RFC 4555) is not supported: write mobike = no"),
            new OneValue("fragmentation", s -> s.value().equalsIgnoreCase("no"),
                    "IKE fragmentation (RFC 7383) is not supported: write fragmentation = no"),
            // Petrel sends INITIAL_CONTACT and drops older IKE SAs of a peer that sends it: strongSwan's "no"
            new OneValue("unique", s -> s.value().equalsIgnoreCase("no"),
                    "only unique = no is supported (older IKE SAs go when the peer sends INITIAL_CONTACT)"),
            new OneValue("reauth_time", s -> Values.time(s).isZero(),
                    "reauthentication is not supported: write reauth_time = 0"));

    private ConnectionMapper() {}

    static Connection map(Section conn, IkeSecrets secrets, Credentials credentials) {
        Claims c = new Claims(conn);
        c.setting("version").ifPresent(ConnectionMapper::version);
        InetAddress local = c.setting("local_addrs").map(Addresses::parse).orElse(null);
        InetAddress remote = c.setting("remote_addrs").map(Addresses::parse).orElse(null);
        if (local != null && remote != null && local.getAddress().length != remote.getAddress().length) {
            throw c.setting("remote_addrs").orElseThrow()
                    .problem("local_addrs and remote_addrs are of different IP versions");
        }
        int localPort = c.setting("local_port").map(s -> Values.integer(s, 1, 65535)).orElse(IKE_PORT);
        int remotePort = c.setting("remote_port").map(s -> Values.integer(s, 1, 65535)).orElse(IKE_PORT);
        List<CryptoProposal> proposals = c.setting("proposals").map(s -> Proposals.parse(s, ProtocolId.IKE))
                .orElse(Proposals.defaults(ProtocolId.IKE));
        boolean encap = c.setting("encap").map(Values::bool).orElse(false);
        CertificatePolicy certificatePolicy = new CertificatePolicy(c.setting("send_cert")
                .map(s -> Values.keyword(s, CertificatePolicy.SendCert.class)).orElse(CertificatePolicy.DEFAULT.sendCert()),
                c.setting("send_certreq").map(Values::bool).orElse(CertificatePolicy.DEFAULT.sendCertificateRequests()));
        Duration dpdDelay = c.setting("dpd_delay").map(Values::time).orElse(Duration.ZERO);
        Duration rekeyTime = c.setting("rekey_time").map(Values::time).orElse(REKEY_TIME);
        ONE_VALUE.forEach(rule -> rule.check(c));

        AuthRound localRound = AuthRound.read(c, conn, "local");
        AuthRound remoteRound = AuthRound.read(c, conn, "remote");
        Identity localId = localRound.id().map(s -> parse(s, Identity::parse)).orElse(null);
        IdentityMatcher remoteId = remoteRound.id().map(s -> parse(s, IdentityMatcher::parse))
                .orElse(new IdentityMatcher.Any());
        PreSharedKey psk = null;
        if (!localRound.publicKey() || !remoteRound.publicKey()) {
            // the identities strongSwan would look the key up for; what only negotiation tells stays null
            Identity me = localId != null ? localId : local != null ? Identity.of(local) : null;
            psk = secrets.lookup(me, remoteId.exact().orElse(null), localRound.problem());
        }
        Authentication.Local localAuth = localRound.publicKey() ? certificate(localRound, localId, credentials) : psk;
        Authentication.Remote remoteAuth = remoteRound.publicKey()
                ? new TrustAnchors(credentials.anchors(remoteRound.cacerts(), remoteRound.problem()),
                        credentials.revocation(remoteRound.revocation().map(s -> Values.keyword(s, RevocationPolicy.class))
                                .orElse(RevocationPolicy.RELAXED))) : psk;

        List<Child> children = Claims.eachSection(c.section("children"),
                child -> ChildMapper.map(child, local, remote));
        c.rejectRest();
        try {
            IkeConfig ike = new IkeConfig(conn.name(), local, remote, proposals, localId, localAuth, remoteId, remoteAuth,
                    children.stream().map(Child::config).toList(), encap, certificatePolicy);
            return new Connection(ike, localPort, remotePort, dpdDelay, rekeyTime, children);
        } catch (IllegalArgumentException e) {
            throw conn.problem(e.getMessage());
        }
    }

    /**
     * Our certificate and key for {@code round}; its identity, when configured, must be in the certificate (RFC 4945
     * §3.1), or the peer would refuse it.
     */
    private static CertificateAuth certificate(AuthRound round, Identity localId, Credentials credentials) {
        Credentials.Loaded loaded = credentials.local(round.certs(), round.id(), localId);
        String which = round.certs().map(Setting::value).orElse(CertificateIdentity.subject(loaded.certificate()).toString());
        if (localId != null && !CertificateIdentity.contains(loaded.certificate(), localId)) {
            throw round.id().orElseThrow().problem("the identity " + localId + " is not in certificate "
                    + which + " (" + CertificateIdentity.names(loaded.certificate()) + "; RFC 4945 §3.1)");
        }
        List<SignatureScheme> schemes = SignatureScheme.preferredFor(loaded.key(), round.rsaPss());
        if (!round.hashes().isEmpty()) {
            schemes = round.hashes().stream().flatMap(h -> SignatureScheme.preferredFor(loaded.key(), round.rsaPss())
                    .stream().filter(s -> s.hash() == h)).toList();
        }
        if (schemes.isEmpty() || (round.rsaPss() && !(loaded.key() instanceof RSAKey))) {
            throw round.problem().apply("no signature scheme of this auth value fits the " + loaded.key().getAlgorithm()
                    + " key of certificate " + which);
        }
        return new CertificateAuth(loaded.certificate(), loaded.intermediates(), loaded.key(), schemes);
    }

    /** 0 (strongSwan's default: IKEv2 when initiating, both as responder) or 2. */
    private static void version(Setting s) {
        int version = Values.integer(s, 0, 255);
        if (version == 1) {
            throw s.problem("IKEv1 is not supported");
        }
        if (version != 0 && version != 2) {
            throw s.problem("version must be 0 or 2");
        }
    }

    private static <T> T parse(Setting s, Function<String, T> parser) {
        try {
            return parser.apply(s.value());
        } catch (IllegalArgumentException e) {
            throw s.problem(e.getMessage(), e);
        }
    }
}
