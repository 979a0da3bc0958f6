package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.Child;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.signature.SignatureScheme;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.IkeLifecycle;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.RevocationPolicy;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.config.VirtualIps;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@code connections.NAME} section, with strongSwan's defaults: version 0 (IKEv2 here), addresses %any,
 * ports 500, IKE proposals {@code default}, no forced encapsulation, no DPD, rekeying after 4 h and no
 * reauthentication, certificates sent if asked ({@code send_cert = ifasked}), certificate requests sent
 * ({@code send_certreq = yes}), revocation relaxed.
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
                    "only unique = no is supported (older IKE SAs go when the peer sends INITIAL_CONTACT)"));

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
        IkeLifecycle lifecycle = lifecycle(c);
        ONE_VALUE.forEach(rule -> rule.check(c));

        List<AuthRound> localAuth = AuthRound.read(c, conn, "local");
        List<AuthRound> remoteAuth = AuthRound.read(c, conn, "remote");
        Identity localId = localAuth.getFirst().id().map(s -> parse(s, Identity::parse)).orElse(null);
        IdentityMatcher remoteId = matcher(remoteAuth.getFirst().id());
        // the identities strongSwan would look a pre-shared key up for; what only negotiation tells stays null
        Identity me = localId != null ? localId : local != null ? Identity.of(local) : null;
        Identity peer = remoteId.exact().orElse(null);
        List<LocalRound> localRounds = new ArrayList<>();
        for (AuthRound round : localAuth) {
            Identity id = round.id().map(s -> parse(s, Identity::parse)).orElse(null);
            localRounds.add(new LocalRound(id, switch (round.method()) {
                case PSK -> secrets.lookup(me, peer, round.problem());
                case PUBKEY -> certificate(round, id, credentials);
                case EAP -> eapCredentials(round, id != null ? id : me, secrets, credentials);
            }));
        }
        List<RemoteRound> remoteRounds = new ArrayList<>();
        for (AuthRound round : remoteAuth) {
            Authentication.Remote auth = switch (round.method()) {
                case PSK -> secrets.lookup(me, peer, round.problem());
                case PUBKEY -> new TrustAnchors(credentials.anchors(round.cacerts(), round.problem()),
                        credentials.revocation(round.revocation().map(s -> Values.keyword(s, RevocationPolicy.class))
                                .orElse(RevocationPolicy.RELAXED)));
                case EAP -> eapPolicy(round, localRounds.getFirst().auth(), secrets, credentials);
            };
            remoteRounds.add(new RemoteRound(matcher(round.id()), auth, round.eapId().map(s -> parse(s,
                    IdentityMatcher::parse)).orElse(null), round.groups()));
        }
        List<InetAddress> vips = c.setting("vips").map(ConnectionMapper::vips).orElse(List.of());
        // Pools.checkReferences made sure the names are pools
        List<String> pools = c.setting("pools").map(Values::list).orElse(List.of());

        boolean trappable = remote != null && vips.isEmpty() && pools.isEmpty();
        List<Child> children = Claims.eachSection(c.section("children"),
                child -> ChildMapper.map(child, vips.isEmpty() ? local : null, pools.isEmpty() ? remote : null, trappable));
        c.rejectRest();
        try {
            IkeConfig ike = new IkeConfig(conn.name(), local, remote, proposals, localRounds, remoteRounds,
                    children.stream().map(Child::config).toList(), encap, new VirtualIps(vips, pools), certificatePolicy,
                    lifecycle);
            return new Connection(ike, localPort, remotePort, children);
        } catch (IllegalArgumentException e) {
            throw conn.problem(e.getMessage());
        }
    }

    /**
     * Rekeying, reauthentication and DPD as strongSwan fills them in: rekey_time 4 h unless only reauth_time is written
     * (then 0), reauth_time 0; over_time 10 % of the longer; rand_time over_time, but at most half the shorter of the
     * two (or of the one set); dpd_delay and dpd_timeout 0. dpd_timeout, IKEv1's to strongSwan, bounds here how long
     * a liveness check may stay unanswered.
     */
    private static IkeLifecycle lifecycle(Claims c) {
        Optional<Duration> rekey = c.setting("rekey_time").map(Values::time);
        Optional<Duration> reauth = c.setting("reauth_time").map(Values::time);
        Duration rekeyTime = rekey.orElse(reauth.isPresent() ? Duration.ZERO : REKEY_TIME);
        Duration reauthTime = reauth.orElse(Duration.ZERO);
        Duration longer = max(rekeyTime, reauthTime);
        Duration overTime = c.setting("over_time").map(Values::time).orElse(Duration.ofSeconds(longer.toSeconds() / 10));
        Duration base = rekeyTime.isZero() || reauthTime.isZero() ? longer : min(rekeyTime, reauthTime);
        Duration randTime = c.setting("rand_time").map(Values::time)
                .orElse(min(overTime, Duration.ofSeconds(base.toSeconds() / 2)));
        Duration dpdDelay = c.setting("dpd_delay").map(Values::time).orElse(Duration.ZERO);
        Duration dpdTimeout = c.setting("dpd_timeout").map(Values::time).orElse(Duration.ZERO);
        return new IkeLifecycle(rekeyTime, reauthTime, overTime, randTime, dpdDelay, dpdTimeout);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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

    /**
     * Our EAP credentials for {@code round}: the password of our EAP identity ({@code eap_id}, else our IKE identity)
     * from the {@code eap} secrets, or for EAP-TLS our certificate, checked against the CA certificates loaded.
     */
    private static EapCredentials eapCredentials(AuthRound round, Identity ikeId, IkeSecrets secrets,
            Credentials credentials) {
        String identity = round.eapId().map(Setting::value).orElse(null);
        String lookup = identity != null ? identity : ikeId == null ? null : ikeId.toString();
        byte[] password = lookup == null ? null : secrets.eap().password(lookup);
        try {
            CertificateAuth tls = round.certs().isPresent() ? certificate(round, null, credentials) : null;
            if (password == null && tls == null) {
                throw round.problem().apply("no eap secret in secrets has the id " + (lookup == null
                        ? "(set eap_id or id: our IKE identity is only known when negotiating)" : lookup));
            }
            TrustAnchors anchors = round.eap() == EapType.TLS || round.eap() == null && tls != null
                    ? new TrustAnchors(credentials.anchors(Optional.empty(), round.problem())) : null;
            return new EapCredentials(round.eap(), identity, password, tls, anchors);
        } finally {
            KeyMaterial.wipe(password);
        }
    }

    /**
     * How we authenticate the peer by EAP: the users are the {@code eap} secrets; EAP-TLS presents the certificate
     * of our first round, {@code auth = pubkey} or, authenticating us by EAP alone (RFC 5998), {@code auth = eap-tls},
     * and checks the client's against {@code cacerts} (else every CA certificate).
     */
    private static EapPolicy eapPolicy(AuthRound round, Authentication.Local ours, IkeSecrets secrets,
            Credentials credentials) {
        boolean askIdentity = round.eapId().map(s -> s.value().equals("%any")).orElse(false);
        if (round.eap() != EapType.TLS) {
            return new EapPolicy(round.eap(), askIdentity, secrets.eap(), null, null);
        }
        CertificateAuth certificate = switch (ours) {
            case CertificateAuth c -> c;
            case EapCredentials e -> e.tlsCertificate();
            case PreSharedKey psk -> null;
        };
        if (certificate == null) {
            throw round.problem().apply("eap-tls presents our certificate: our first round needs certs and auth = pubkey "
                    + "or (EAP-only) eap-tls");
        }
        return new EapPolicy(round.eap(), askIdentity, secrets.eap(), certificate,
                new TrustAnchors(credentials.anchors(round.cacerts(), round.problem())));
    }

    /** {@code vips}: the virtual IPs to ask for, 0.0.0.0 or :: for any of the family (RFC 7296 §3.15). */
    private static List<InetAddress> vips(Setting s) {
        List<InetAddress> out = new ArrayList<>();
        for (String item : Values.list(s)) {
            out.add(IpLiterals.parse(item).orElseThrow(() -> s.problem("'" + item + "' is not an IP address (0.0.0.0 "
                    + "or :: asks for any)")));
        }
        return out;
    }

    private static IdentityMatcher matcher(Optional<Setting> id) {
        return id.map(s -> parse(s, IdentityMatcher::parse)).orElse(new IdentityMatcher.Any());
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
