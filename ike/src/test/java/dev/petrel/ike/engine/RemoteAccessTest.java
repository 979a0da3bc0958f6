package dev.petrel.ike.engine;

import static dev.petrel.ike.engine.TestCertificates.rounds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.VirtualIps;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.eap.EapUsers;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.pool.AddressPools;
import dev.petrel.ike.pool.AddressRange;
import dev.petrel.ike.pool.PoolConfig;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Remote access between two engines: a gateway that proves itself with its certificate and its users by EAP
 * (RFC 7296 §2.16), leasing each a virtual IP from a pool in a CP exchange (§2.19) and narrowing the client's
 * selectors to it; EAP-only authentication (RFC 5998); a certificate round followed by an EAP round (RFC 4739).
 */
class RemoteAccessTest {
    private static final Issued CA = TestCertificates.ca("Petrel Remote Access CA");
    private static final Issued GATEWAY = TestCertificates.host(CA, "right", KeyType.ECDSA_P256);
    static final byte[] PASSWORD = "carol's password".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, byte[]> USERS = Map.of("carol@petrel.test", PASSWORD,
            "dave@petrel.test", "dave's".getBytes(StandardCharsets.UTF_8), "eve@petrel.test", "eve's".getBytes(StandardCharsets.UTF_8));
    private static final EapUsers LOOKUP = id -> USERS.containsKey(id) ? USERS.get(id).clone() : null;
    private static final TrafficSelector INSIDE = TrafficSelector.subnet("203.0.113.0/24");
    private static final InetAddress ANY4 = InetAddress.ofLiteral("0.0.0.0");

    @ParameterizedTest
    @EnumSource(value = EapType.class, names = {"MD5_CHALLENGE", "MSCHAP_V2", "TLS"})
    void aClientAuthenticatesByEapAndGetsAVirtualIp(EapType method) {
        EnginePairTest.Pair p = pair(client("carol@petrel.test", method, PASSWORD), gateway(method));
        p.establish();
        IkeSaView client = p.left.sas().getFirst();
        IkeSaView gateway = p.right.sas().getFirst();
        InetAddress lease = InetAddress.ofLiteral("10.3.0.1");
        assertEquals(List.of(lease), client.virtualIps());
        assertEquals(List.of(lease), gateway.virtualIps());
        assertEquals("carol@petrel.test", gateway.remoteEapId());
        assertEquals(List.of(TrafficSelectors.host(lease)), client.children().getFirst().localTs(),
                "the gateway narrowed the client's selectors to its lease");
        assertEquals(List.of(TrafficSelectors.host(lease)), gateway.children().getFirst().remoteTs());
        assertEquals(List.of(lease), EnginePairTest.Pair.of(p.leftActions, IkeSaEstablished.class).getFirst().virtualIps());
    }

    @Test
    void aClientAsksForAnAddressOfEachFamily() {
        IkeConfig base = client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD);
        IkeConfig dualStack = new IkeConfig(base.name(), base.localAddress(), base.remoteAddress(), base.proposals(),
                base.localRounds(), base.remoteRounds(), base.children(), false,
                new VirtualIps(List.of(ANY4, InetAddress.ofLiteral("::")), List.of()), base.certificates());
        EnginePairTest.Pair p = new EnginePairTest.Pair(dualStack, gateway(EapType.MSCHAP_V2));
        p.right.pools(new AddressPools(List.of(new PoolConfig("rw", List.of(
                AddressRange.cidr(InetAddress.ofLiteral("10.3.0.0"), 28),
                AddressRange.cidr(InetAddress.ofLiteral("2001:db8:3::"), 120)), List.of(), List.of()))));
        p.establish();
        List<InetAddress> leases = List.of(InetAddress.ofLiteral("10.3.0.1"), InetAddress.ofLiteral("2001:db8:3::1"));
        assertEquals(leases, p.left.sas().getFirst().virtualIps());
        assertEquals(leases.stream().map(TrafficSelectors::host).toList(),
                p.left.sas().getFirst().children().getFirst().localTs(), "the child carries both leases");
    }

    @Test
    void aWrongPasswordEndsInEapFailureOnBothSides() {
        EnginePairTest.Pair p = pair(client("carol@petrel.test", EapType.MSCHAP_V2,
                "guess".getBytes(StandardCharsets.UTF_8)), gateway(EapType.MSCHAP_V2));
        p.fromLeft(p.left.initiate("rw", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        assertTrue(p.left.sas().isEmpty());
        assertTrue(p.right.sas().isEmpty());
        String gateway = EnginePairTest.Pair.of(p.rightActions, NegotiationFailed.class).getFirst().explanation();
        assertTrue(gateway.contains("EAP failed"), gateway);
        String client = EnginePairTest.Pair.of(p.leftActions, NegotiationFailed.class).getFirst().explanation();
        assertTrue(client.startsWith("EAP failed"), client);
        assertEquals(0, p.right.pools().status().getFirst().online(), "no lease for a client that failed");
    }

    /**
     * RFC 7296 §2.21.2: a client that cannot verify the gateway's AUTH says so in an INFORMATIONAL request while the
     * gateway, still in IKE_AUTH, waits for its EAP Identity; the gateway forgets the SA at once and says why.
     */
    @Test
    void aClientThatGivesUpDuringEapIsForgottenAtOnce() {
        IkeConfig distrustful = rounds(client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD), null, List.of(
                new RemoteRound(IdentityMatcher.parse("right.petrel.test"),
                        TestCertificates.trust(TestCertificates.ca("Another CA")))));
        EnginePairTest.Pair p = pair(distrustful, gateway(EapType.MSCHAP_V2));
        p.fromLeft(p.left.initiate("rw", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        assertTrue(p.left.sas().isEmpty());
        assertEquals(List.of(), p.right.sas(), "the gateway keeps no half-open SA");
        String why = EnginePairTest.Pair.of(p.rightActions, NegotiationFailed.class).getFirst().explanation();
        assertEquals("peer carol@petrel.test gave up IKE_AUTH with AUTHENTICATION_FAILED (it did not verify our AUTH, "
                + "or its EAP method failed)", why);
    }

    @Test
    void threeClientsGetThreeAddressesAndLeasesGoOfflineWithTheirSas() {
        EnginePairTest.Pair carol = pair(client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD), gateway(EapType.MSCHAP_V2));
        IkeEngine gateway = carol.right;
        carol.establish();
        List<InetAddress> leases = new ArrayList<>(carol.right.sas().getFirst().virtualIps());
        long seed = 10;
        for (String user : List.of("dave", "eve")) {
            EnginePairTest.Pair other = new EnginePairTest.Pair(client(user + "@petrel.test", EapType.MSCHAP_V2,
                    USERS.get(user + "@petrel.test")), gateway, seed++);
            other.establish();
            leases.add(other.left.sas().getFirst().virtualIps().getFirst());
        }
        assertEquals(List.of(InetAddress.ofLiteral("10.3.0.1"), InetAddress.ofLiteral("10.3.0.2"),
                InetAddress.ofLiteral("10.3.0.3")), leases);
        assertEquals(3, gateway.pools().status().getFirst().online());
        long carolSa = carol.left.sas().getFirst().id();
        carol.fromLeft(carol.left.deleteIkeSa(carolSa, TestCertificates.T0));
        assertEquals(2, gateway.pools().status().getFirst().online());
        assertEquals(1, gateway.pools().status().getFirst().offline());
    }

    @Test
    void eapOnlyLeavesTheGatewaysSignatureOut() {
        IkeConfig client = rounds(client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD),
                null, List.of(new RemoteRound(IdentityMatcher.parse("right.petrel.test"),
                        new EapPolicy(EapType.MSCHAP_V2, false, id -> null, null, null))));
        IkeConfig gateway = rounds(gateway(EapType.MSCHAP_V2), List.of(new LocalRound(Identity.parse("right.petrel.test"),
                new EapCredentials(EapType.MSCHAP_V2, null, "unused".getBytes(StandardCharsets.UTF_8), null, null))), null);
        EnginePairTest.Pair p = pair(client, gateway);
        p.establish();
        assertTrue(p.rightActions.stream().noneMatch(a -> a.toString().contains("CertificatePayload")));
        assertEquals(Identity.parse("right.petrel.test"), p.left.sas().getFirst().remoteId());
    }

    @Test
    void aCertificateRoundThenAnEapRound() {
        Issued device = TestCertificates.host(CA, "left", KeyType.ECDSA_P256);
        IkeConfig base = client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD);
        IkeConfig client = rounds(base, List.of(new LocalRound(Identity.parse("left.petrel.test"),
                TestCertificates.auth(device, List.of())), base.localRounds().getFirst()), null);
        IkeConfig gw = gateway(EapType.MSCHAP_V2);
        IkeConfig gateway = rounds(gw, null, List.of(new RemoteRound(IdentityMatcher.parse("left.petrel.test"),
                TestCertificates.trust(CA)), new RemoteRound(IdentityMatcher.parse("*@petrel.test"), gw.remoteAuth())));
        EnginePairTest.Pair p = pair(client, gateway);
        p.establish();
        IkeSaView sa = p.right.sas().getFirst();
        assertEquals(Identity.parse("left.petrel.test"), sa.remoteId());
        assertEquals("carol@petrel.test", sa.remoteEapId());
        assertEquals(List.of(InetAddress.ofLiteral("10.3.0.1")), sa.virtualIps(), "leased to the EAP identity");
    }

    @Test
    void anEapIdentityTheRoundDoesNotAcceptIsRefused() {
        IkeConfig gw = gateway(EapType.MSCHAP_V2);
        IkeConfig gateway = rounds(gw, null, List.of(new RemoteRound(new IdentityMatcher.Any(), gw.remoteAuth(),
                IdentityMatcher.parse("*@staff.petrel.test"))));
        EnginePairTest.Pair p = pair(client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD), gateway);
        p.fromLeft(p.left.initiate("rw", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        String why = EnginePairTest.Pair.of(p.rightActions, NegotiationFailed.class).getFirst().explanation();
        assertTrue(why.contains("EAP identity 'carol@petrel.test' is not one"), why);
        assertTrue(p.right.sas().isEmpty());
        assertNull(p.left.sas().stream().findFirst().orElse(null));
    }

    @Test
    void theEapUsersGroupsChooseTheConnection() {
        EapUsers grouped = new EapUsers() {
            @Override
            public byte[] password(String identity) {
                return LOOKUP.password(identity);
            }

            @Override
            public Set<String> groups(String identity) {
                return identity.startsWith("carol") ? Set.of("guests") : Set.of();
            }
        };
        IkeConfig base = gateway(EapType.MSCHAP_V2);
        RemoteRound users = new RemoteRound(new IdentityMatcher.Any(), new EapPolicy(EapType.MSCHAP_V2, true, grouped,
                null, null));
        IkeConfig staff = renamed(rounds(base, null, List.of(new RemoteRound(users.id(), users.auth(), null,
                Set.of("staff")))), "staff");
        IkeConfig guests = renamed(rounds(base, null, List.of(new RemoteRound(users.id(), users.auth(), null,
                Set.of("guests")))), "guests");
        IkeEngine gateway = new IkeEngine(EngineSettings.DEFAULTS, List.of(staff, guests), EnginePairTest.seeded(2));
        gateway.pools(pools());
        EnginePairTest.Pair carol = new EnginePairTest.Pair(client("carol@petrel.test", EapType.MSCHAP_V2, PASSWORD),
                gateway, 1);
        carol.establish();
        assertEquals("guests", gateway.sas().getFirst().connection(), "carol is a guest, not staff");

        EnginePairTest.Pair dave = new EnginePairTest.Pair(client("dave@petrel.test", EapType.MSCHAP_V2,
                USERS.get("dave@petrel.test")), gateway, 2);
        dave.fromLeft(dave.left.initiate("rw", "net", Peers.LEFT_IKE, Peers.RIGHT_IKE, TestCertificates.T0));
        assertTrue(dave.left.sas().isEmpty());
        String why = EnginePairTest.Pair.of(dave.rightActions, NegotiationFailed.class).getFirst().explanation();
        assertTrue(why.contains("authenticated, but its groups [] are none that connection staff admits"), why);
    }

    private static IkeConfig renamed(IkeConfig c, String name) {
        return new IkeConfig(name, c.localAddress(), c.remoteAddress(), c.proposals(), c.localRounds(), c.remoteRounds(),
                c.children(), c.forceEncapsulation(), c.virtualIps(), c.certificates());
    }

    /** The pool rw: 10.3.0.0/28 and a DNS server, no lease yet. */
    static AddressPools pools() {
        return new AddressPools(List.of(new PoolConfig("rw", List.of(AddressRange.cidr(InetAddress.ofLiteral("10.3.0.0"),
                28)), List.of(InetAddress.ofLiteral("203.0.113.53")), List.of())));
    }

    private static EnginePairTest.Pair pair(IkeConfig client, IkeConfig gateway) {
        EnginePairTest.Pair p = new EnginePairTest.Pair(client, gateway);
        p.right.pools(pools());
        return p;
    }

    /** A road warrior: EAP as {@code user}, the gateway's certificate, a virtual IP, the inside network. */
    static IkeConfig client(String user, EapType method, byte[] password) {
        Issued cert = method == EapType.TLS ? CA.issue("CN=" + user + ", O=Petrel Test, C=XX", KeyType.ECDSA_P256,
                TestCertificates.BEFORE, TestCertificates.AFTER, false, "email:" + user) : null;
        EapCredentials eap = new EapCredentials(method, null, method == EapType.TLS ? null : password,
                cert == null ? null : TestCertificates.auth(cert, List.of()), TestCertificates.trust(CA));
        ChildConfig child = new ChildConfig("net", List.of(TrafficSelectors.dynamic(IpProtocol.ANY, 0, 65535)),
                List.of(INSIDE), ProposalParser.parseList(TestCertificates.ESP, ProtocolId.ESP), Mode.TUNNEL, 64);
        return config(Peers.LEFT, Peers.RIGHT, new LocalRound(Identity.parse(user), eap),
                new RemoteRound(IdentityMatcher.parse("right.petrel.test"), TestCertificates.trust(CA)), child,
                new VirtualIps(List.of(ANY4), List.of()));
    }

    /** The gateway: its certificate, users by {@code method}, the pool rw, the inside network to each client's lease. */
    static IkeConfig gateway(EapType method) {
        EapPolicy policy = new EapPolicy(method, true, LOOKUP, method == EapType.TLS
                ? TestCertificates.auth(GATEWAY, List.of()) : null, method == EapType.TLS ? TestCertificates.trust(CA) : null);
        ChildConfig child = new ChildConfig("net", List.of(INSIDE),
                List.of(TrafficSelectors.dynamic(IpProtocol.ANY, 0, 65535)),
                ProposalParser.parseList(TestCertificates.ESP, ProtocolId.ESP), Mode.TUNNEL, 64);
        return config(null, null, new LocalRound(Identity.parse("right.petrel.test"), TestCertificates.auth(GATEWAY, List.of())),
                new RemoteRound(new IdentityMatcher.Any(), policy), child, new VirtualIps(List.of(), List.of("rw")));
    }

    private static IkeConfig config(InetAddress local, InetAddress remote, LocalRound us, RemoteRound them,
            ChildConfig child, VirtualIps virtualIps) {
        return new IkeConfig("rw", local, remote, ProposalParser.parseList(TestCertificates.IKE, ProtocolId.IKE),
                List.of(us), List.of(them), List.of(child), false, virtualIps, CertificatePolicy.DEFAULT);
    }
}
