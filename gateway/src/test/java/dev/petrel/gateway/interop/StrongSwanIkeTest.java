package dev.petrel.gateway.interop;

import dev.petrel.testkit.netns.UsesNamespaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.interop.Testbed.Established;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.Spis;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Petrel against strongSwan 5.9.8 in network namespaces, in both roles, with a PSK: Petrel on the left in this JVM
 * (its sockets opened inside the left namespace), charon on the right, each case on a fresh {@link Testbed}. Pass means
 * both sides list the IKE SA as established with the same SPIs, transforms, endpoints and identities, and every
 * CHILD_SA's transforms, selectors, SPIs and keys agree, the keys as charon logs them at level 4 ({@link Agreement});
 * every case ends with a delete from one side and nothing left on either.
 *
 * <p>ML-KEM is not in the matrix: strongSwan 5.9.8 does not know it (its proposal parser rejects {@code mlkem768};
 * ML-KEM came with strongSwan 6), which {@link #strongSwanDoesNotKnowMlKem()} pins. Petrel to Petrel, ML-KEM is covered
 * by ike's EnginePairTest.
 */
@UsesNamespaces(strongSwan = true)
class StrongSwanIkeTest {
    private static final String X25519 = "aes128gcm16-prfsha256-x25519";


    @ParameterizedTest(name = "{2} initiates {0} / {1}, {2}''s peer deletes the IKE SA")
    @CsvSource({
        "aes128gcm16-prfsha256-x25519, aes128gcm16, PETREL",
        "aes256gcm16-prfsha384-ecp384, aes256gcm16, PETREL",
        "chacha20poly1305-prfsha256-curve25519, chacha20poly1305, PETREL",
        "aes256-sha256-modp3072, aes128-sha256, PETREL",
        "aes128gcm16-prfsha256-x25519, aes128gcm16, STRONGSWAN",
        "aes256gcm16-prfsha384-ecp384, aes256gcm16, STRONGSWAN",
        "chacha20poly1305-prfsha256-curve25519, chacha20poly1305, STRONGSWAN",
        "aes256-sha256-modp3072, aes128-sha256, STRONGSWAN",
    })
    void proposals(String ike, String esp, Side initiator) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(ike, esp))) {
            Established sa = bed.establish(initiator);
            assertNull(sa.strongSwan().attributes().get("nat-remote"),
                    "strongSwan finds Petrel's NAT_DETECTION_SOURCE_IP right (RFC 7296 §2.23)");
            bed.deleteIke(initiator.other());
        }
    }

    @ParameterizedTest(name = "{0} initiates over IPv6 (2001:db8::1 <-> 2001:db8::2) and deletes the IKE SA")
    @EnumSource(Side.class)
    void ipv6(Side initiator) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16").overIpv6())) {
            Established sa = bed.establish(initiator);
            assertEquals(TestNetwork.LEFT_IPV6, sa.petrel().local().address());
            bed.deleteIke(initiator);
        }
    }

    @ParameterizedTest(name = "{0} initiates with UDP encapsulation forced on both sides (encap = yes)")
    @EnumSource(Side.class)
    void forcedUdpEncapsulation(Side initiator) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16").withEncap())) {
            Established sa = bed.establish(initiator);
            assertTrue(sa.petrel().natDetected());
            assertEquals(List.of(Endpoint.NAT_T_PORT, Endpoint.NAT_T_PORT), List.of(sa.petrel().local().port(),
                    sa.petrel().remote().port()), "IKE floated to UDP 4500 (RFC 7296 §2.23)");
            assertEquals("yes", sa.strongSwan().attributes().get("nat-remote"),
                    "strongSwan takes Petrel for NATed: Petrel faked its NAT_DETECTION_SOURCE_IP (RFC 7296 §2.23)");
            bed.deleteIke(initiator);
        }
    }

    /**
     * IKE_SA_INIT where the initiator offers CURVE25519 first and ECP_256 second and its peer takes only ECP_256: the
     * peer answers INVALID_KE_PAYLOAD naming ECP_256 and the initiator starts again with it (RFC 7296 §1.2).
     */
    @ParameterizedTest(name = "{0} initiates offering CURVE25519 then ECP_256; its peer asks for ECP_256")
    @EnumSource(Side.class)
    void ikeSaWithAnotherGroup(Side initiator) throws Exception {
        Connection ecp256 = Connection.of("aes128gcm16-prfsha256-ecp256", "aes128gcm16");
        String both = "aes128gcm16-prfsha256-x25519-ecp256";
        try (Testbed bed = Testbed.start(initiator == Side.PETREL ? ecp256.withPetrelIke(both) : ecp256.withStrongSwanIke(both))) {
            Established sa = bed.establish(initiator);
            assertEquals(KeyExchangeMethod.ECP_256, sa.petrel().suite().keyExchange());
            assertEquals(initiator == Side.PETREL ? List.of(31, 19) : List.of(0, 19), bed.petrel().sentInClear().stream()
                    .map(m -> m.first(KeyExchangePayload.class).map(KeyExchangePayload::group).orElse(0)).toList(),
                    "the KE groups of Petrel's IKE_SA_INIT messages (0: an INVALID_KE_PAYLOAD answer)");
            assertEquals(List.of(initiator == Side.PETREL
                    ? "the responder wants ECP_256 instead of CURVE25519; retrying (RFC 7296 §1.2)"
                    : "the initiator sent KE group 31, we chose ECP_256; answered INVALID_KE_PAYLOAD"),
                    explanations(bed, Failure.KEY_EXCHANGE));
            assertTrue(bed.charon().logText().contains(charonOnEcp256(initiator)));
            bed.deleteIke(initiator);
        }
    }

    /**
     * charon with {@code cookie_threshold = 1} (0 would turn cookies off) and one half-open IKE SA already: it answers
     * Petrel's IKE_SA_INIT with a COOKIE, and Petrel sends the request again with the COOKIE first (RFC 7296 §2.6).
     */
    @Test
    void strongSwanAsksPetrelForACookie() throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16"), Map.of("charon.cookie_threshold", "1"),
                EngineSettings.DEFAULTS)) {
            String halfOpen = bed.halfOpenAtCharon();
            Established sa = bed.establish(Side.PETREL);
            List<IkeMessage> sent = bed.petrel().sentInClear();
            assertEquals(2, sent.size(), "IKE_SA_INIT, then again with the COOKIE");
            assertTrue(sent.getFirst().notify(NotifyType.COOKIE).isEmpty());
            assertEquals(NotifyType.COOKIE.value(), ((NotifyPayload) sent.get(1).payloads().getFirst()).notifyType());
            assertTrue(bed.charon().logText().contains("sending COOKIE notify"));
            bed.charon().swanctl("--terminate", "--ike-id", halfOpen, "--force");
            bed.deleteIke(Side.PETREL);
        }
    }

    /** Petrel with a cookie threshold of 0 answers strongSwan's first IKE_SA_INIT with a COOKIE (RFC 7296 §2.6). */
    @Test
    void petrelAsksStrongSwanForACookie() throws Exception {
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings cookies = new EngineSettings(d.retransmitTimeout(), d.retransmitBase(), d.retransmitTries(),
                d.halfOpenLimit(), 0, d.halfOpenTimeout(), d.cookieSecretLifetime());
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16"), Map.of(), cookies)) {
            Established sa = bed.establish(Side.STRONGSWAN);
            assertEquals(NotifyType.COOKIE.value(), onlyNotify(bed.petrel().sentInClear().getFirst()).notifyType());
            assertTrue(bed.charon().logText().contains("generating IKE_SA_INIT request 0 [ N(COOKIE) SA KE No"),
                    "strongSwan's second IKE_SA_INIT starts with the COOKIE");
            bed.deleteIke(Side.STRONGSWAN);
        }
    }

    /**
     * A second CHILD_SA, "net2", by CREATE_CHILD_SA (RFC 7296 §1.3.1) from either side whoever set up the IKE SA, with
     * PFS when the ESP proposal has a key exchange; then one side deletes "net" (§1.4.1), and the IKE SA goes.
     */
    @ParameterizedTest(name = "IKE SA by {0}, net2 by {1} with {2}; {3} deletes net, {4} the IKE SA")
    @CsvSource({
        "PETREL, PETREL, aes128gcm16, STRONGSWAN, PETREL",
        "PETREL, PETREL, aes128gcm16-x25519, PETREL, STRONGSWAN",
        "PETREL, STRONGSWAN, aes128gcm16-x25519, PETREL, PETREL",
        "STRONGSWAN, STRONGSWAN, aes128gcm16, PETREL, STRONGSWAN",
        "STRONGSWAN, PETREL, aes128gcm16-x25519, STRONGSWAN, PETREL",
    })
    void secondChildThenDeletes(Side ike, Side child, String esp, Side childDeleter, Side ikeDeleter) throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, esp))) {
            Established sa = withSecondChild(bed, ike, child);
            assertEquals(esp.endsWith("-x25519") ? "CURVE_25519" : "", dhGroup(sa, "net2"),
                    "PFS for net2 exactly when the ESP proposal has a key exchange");
            ChildSa net = sa.child("net");

            bed.deleteChild(childDeleter, "net");
            Established after = bed.established(1);
            assertTrue(bed.charon().logText().contains("received DELETE for ESP CHILD_SA with SPI " + Spis.hex(net.inboundSpi())),
                    "Petrel's Delete, request or response, names its own SPI of net (RFC 7296 §1.4.1)");
            assertEquals(List.of("net2"), after.petrel().children().stream().map(ChildSa::name).toList());
            assertEquals("net2", after.strongSwan().children().getFirst().name());
            assertEquals(List.of(List.of(net.inboundSpi(), net.outboundSpi())), bed.petrel().removed().stream()
                    .map(r -> List.of(r.inboundSpi(), r.outboundSpi())).toList(), "net left Petrel's data plane");
            bed.assertChildAgrees(after, "net2", child);

            bed.deleteIke(ikeDeleter);
        }
    }

    /**
     * CREATE_CHILD_SA with PFS where the creator of "net2" offers CURVE25519 first and ECP_256 second and its peer takes
     * only ECP_256: the peer answers INVALID_KE_PAYLOAD and the creator tries again with ECP_256 (RFC 7296 §1.3).
     */
    @ParameterizedTest(name = "{0} creates net2 offering CURVE25519 then ECP_256; its peer asks for ECP_256")
    @EnumSource(Side.class)
    void secondChildWithAnotherGroup(Side creator) throws Exception {
        Connection ecp256 = Connection.of(X25519, "aes128gcm16-ecp256");
        String both = "aes128gcm16-x25519-ecp256";
        try (Testbed bed = Testbed.start(creator == Side.PETREL ? ecp256.withPetrelEsp(both) : ecp256.withStrongSwanEsp(both))) {
            Established sa = withSecondChild(bed, creator, creator);
            assertEquals("ECP_256", dhGroup(sa, "net2"));
            assertEquals(List.of(creator == Side.PETREL ? "CHILD_SA net2: the responder wants ECP_256; retrying"
                    : "CHILD_SA KEi is group 31, we chose ECP_256"), explanations(bed, Failure.KEY_EXCHANGE));
            assertTrue(bed.charon().logText().contains(charonOnEcp256(creator)));
            bed.deleteIke(creator.other());
        }
    }

    @Test
    void strongSwanDoesNotKnowMlKem() throws Exception {
        try (Testbed bed = Testbed.start(Connection.of(X25519, "aes128gcm16"))) {
            String mlKem = Connection.of("aes128gcm16-prfsha256-mlkem768", "aes128gcm16").swanctlConf();
            assertThrows(IOException.class, () -> bed.charon().load(mlKem),
                    "strongSwan now takes mlkem768: add ML-KEM proposals to this test's matrix");
            assertTrue(bed.charon().logText().contains("algorithm 'mlkem768' not recognized"));
        }
    }

    /** {@code ike} sets up the IKE SA with "net", {@code child} adds "net2"; both sides agree on all three SAs. */
    private static Established withSecondChild(Testbed bed, Side ike, Side child) throws Exception {
        bed.establish(ike);
        bed.createChild(child);
        Established sa = bed.established(2);
        bed.assertChildAgrees(sa, "net", ike);
        bed.assertChildAgrees(sa, "net2", child);
        return sa;
    }

    /** What charon logs when the exchange {@code initiator} started went on with ECP_256 instead of CURVE25519. */
    private static String charonOnEcp256(Side initiator) {
        return initiator == Side.PETREL ? "DH group CURVE_25519 unacceptable, requesting ECP_256"
                : "peer didn't accept DH group CURVE_25519, it requested ECP_256";
    }

    /** The key exchange method of charon's CHILD_SA {@code name}, "" without PFS. */
    private static String dhGroup(Established sa, String name) {
        return sa.strongSwan().children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow()
                .attributes().getOrDefault("dh-group", "");
    }

    /** Why Petrel's negotiations failed with {@code failure}, in order. */
    private static List<String> explanations(Testbed bed, Failure failure) {
        return bed.petrel().of(NegotiationFailed.class).stream().filter(f -> f.failure() == failure)
                .map(NegotiationFailed::explanation).toList();
    }

    /** The only payload of an unprotected answer, which must be a notify. */
    private static NotifyPayload onlyNotify(IkeMessage message) {
        assertTrue(message.header().response(), "a response");
        assertEquals(1, message.payloads().size(), message.payloads()::toString);
        return (NotifyPayload) message.payloads().getFirst();
    }
}
