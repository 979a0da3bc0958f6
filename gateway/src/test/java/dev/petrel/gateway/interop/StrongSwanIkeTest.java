package dev.petrel.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.Spis;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.testkit.Skip;
import dev.petrel.testkit.interop.StrongSwanChildKeys;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.ike.ProtocolId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Petrel against strongSwan 5.9 in network namespaces, both roles: Petrel (left, 192.0.2.1) in this JVM with its
 * sockets opened inside the left namespace, charon in the right one (192.0.2.2). Pass means both list the IKE SA
 * as established, and the CHILD_SA's SPIs and keys agree with what charon logs at level 4.
 */
class StrongSwanIkeTest {
    private static final String PSK = "petrel-interop-psk-0123456789";

    @BeforeAll
    static void needsNamespacesAndStrongSwan() {
        TestNetwork.assumeAvailable();
        Skip.unless(Files.isExecutable(Path.of("/usr/sbin/charon-systemd")) ? Optional.empty()
                : Optional.of("strongSwan (charon-systemd, swanctl) is not installed; .ci/run installs it"));
    }

    @ParameterizedTest(name = "Petrel initiates {0} / {1}, encap={2}")
    @CsvSource({
        "aes128gcm16-prfsha256-x25519, aes128gcm16, no",
        "aes256gcm16-prfsha384-ecp384, aes256gcm16, no",
        "chacha20poly1305-prfsha256-curve25519, chacha20poly1305, no",
        "aes256-sha256-modp3072, aes128-sha256, no",
        "aes128gcm16-prfsha256-x25519, aes128gcm16, yes",
    })
    void petrelInitiates(String ike, String esp, String encap) throws Exception {
        try (TestNetwork net = TestNetwork.create("pik");
                Charon charon = Charon.start(net.right(), strongSwanConf("192.0.2.2", "192.0.2.1", "right", "left", ike, esp,
                        "203.0.113.0/24", "198.51.100.0/24", encap), null)) {
            Petrel petrel = Petrel.start(net, ike, esp, encap.equals("yes"));
            try (petrel.endpoint) {
                petrel.endpoint.act(e -> e.initiate("petrel", "net", new Endpoint(TestNetwork.LEFT_IPV4, 500),
                        new Endpoint(TestNetwork.RIGHT_IPV4, 500), Instant.now())).get();
                IkeSaView sa = petrel.awaitEstablished();
                assertAgree(sa, petrel, charon, true);
            }
        }
    }

    @ParameterizedTest(name = "strongSwan initiates {0} / {1}")
    @CsvSource({
        "aes128gcm16-prfsha256-x25519, aes128gcm16",
        "aes256-sha256-modp3072, aes128-sha256",
    })
    void strongSwanInitiates(String ike, String esp) throws Exception {
        try (TestNetwork net = TestNetwork.create("pir");
                Charon charon = Charon.start(net.right(), strongSwanConf("192.0.2.2", "192.0.2.1", "right", "left", ike, esp,
                        "203.0.113.0/24", "198.51.100.0/24", "no"), null)) {
            Petrel petrel = Petrel.start(net, ike, esp, false);
            try (petrel.endpoint) {
                charon.swanctl("--initiate", "--child", "net", "--timeout", "10");
                IkeSaView sa = petrel.awaitEstablished();
                assertAgree(sa, petrel, charon, false);
            }
        }
    }

    private static void assertAgree(IkeSaView sa, Petrel petrel, Charon charon, boolean petrelInitiated) throws Exception {
        String listed = charon.swanctl("--list-sas");
        assertTrue(listed.contains("ESTABLISHED"), listed);
        assertTrue(listed.contains(Spis.hex(sa.initiatorSpi()) + "_i"), listed);
        InstallChildSa child = petrel.installed.stream().filter(a -> a instanceof InstallChildSa)
                .map(a -> (InstallChildSa) a).findFirst().orElseThrow(() -> new AssertionError("no CHILD_SA: " + petrel.installed));
        assertTrue(listed.contains("INSTALLED"), listed);
        assertTrue(listed.contains("in  " + Spis.hex(child.outboundSpi())), listed);
        assertTrue(listed.contains("out " + Spis.hex(child.inboundSpi())), listed);
        StrongSwanChildKeys keys = StrongSwanChildKeys.parse(charon.log());
        assertEquals(Integer.toUnsignedLong(child.outboundSpi()), keys.inboundSpi());
        byte[] ourOut = petrelInitiated ? keys.encryptionInitiator() : keys.encryptionResponder();
        byte[] ourIn = petrelInitiated ? keys.encryptionResponder() : keys.encryptionInitiator();
        assertArrayEquals(ourOut, child.outboundEncryptionKey());
        assertArrayEquals(ourIn, child.inboundEncryptionKey());
        assertArrayEquals(petrelInitiated ? keys.integrityInitiator() : keys.integrityResponder(), child.outboundIntegrityKey());
    }

    /** Petrel on the left: an engine behind UDP sockets opened in the left namespace. */
    private record Petrel(UdpIkeEndpoint endpoint, List<Action> installed) {
        static Petrel start(TestNetwork net, String ike, String esp, boolean encap) throws Exception {
            ChildConfig child = new ChildConfig("net", List.of(TrafficSelector.subnet("198.51.100.0/24")),
                    List.of(TrafficSelector.subnet("203.0.113.0/24")), ProposalParser.parseList(esp, ProtocolId.ESP),
                    Mode.TUNNEL, 64);
            byte[] psk = PSK.getBytes(StandardCharsets.US_ASCII);
            IkeConfig config = new IkeConfig("petrel", TestNetwork.LEFT_IPV4, TestNetwork.RIGHT_IPV4,
                    ProposalParser.parseList(ike, ProtocolId.IKE), Identity.parse("left.petrel.test"), new PreSharedKey(psk),
                    IdentityMatcher.parse("right.petrel.test"), new PreSharedKey(psk), List.of(child), encap);
            IkeEngine engine = new IkeEngine(EngineSettings.DEFAULTS, List.of(config), new SecureRandom());
            var channels = Netns.call(net.left(), () -> UdpIkeEndpoint.bind(List.of(TestNetwork.LEFT_IPV4)));
            List<Action> installed = new CopyOnWriteArrayList<>();
            // The endpoint wipes InstallChildSa keys after the listener; keep a copy for the comparison.
            UdpIkeEndpoint endpoint = new UdpIkeEndpoint(engine, channels, a -> installed.add(a instanceof InstallChildSa i
                    ? copy(i) : a));
            return new Petrel(endpoint, installed);
        }

        IkeSaView awaitEstablished() throws Exception {
            for (int i = 0; i < 100; i++) {
                List<IkeSaView> sas = endpoint.query(IkeEngine::sas).get();
                if (!sas.isEmpty() && sas.getFirst().state() == IkeSaState.ESTABLISHED && !sas.getFirst().children().isEmpty()) {
                    return sas.getFirst();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no established IKE SA with a CHILD_SA; actions: " + installed);
        }
    }

    private static InstallChildSa copy(InstallChildSa i) {
        return new InstallChildSa(i.ikeSaId(), i.connection(), i.child(), i.protocol(), i.mode(), i.inboundSpi(),
                i.outboundSpi(), i.encryption(), i.keyBits(), i.integrity(), i.extendedSequenceNumbers(),
                i.inboundEncryptionKey().clone(), i.inboundIntegrityKey().clone(), i.outboundEncryptionKey().clone(),
                i.outboundIntegrityKey().clone(), i.localTs(), i.remoteTs(), i.local(), i.remote(), i.udpEncapsulation(),
                i.replayWindow());
    }

    /** A swanctl.conf for charon: one connection "petrel" with child "net", PSK, the given proposals. */
    static String strongSwanConf(String local, String remote, String localId, String remoteId, String ike, String esp,
            String localTs, String remoteTs, String encap) {
        return """
                connections {
                  petrel {
                    version = 2
                    local_addrs = %s
                    remote_addrs = %s
                    proposals = %s
                    encap = %s
                    rekey_time = 0
                    local { auth = psk
                      id = %s.petrel.test }
                    remote { auth = psk
                      id = %s.petrel.test }
                    children {
                      net {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = %s
                        rekey_time = 0
                      }
                    }
                  }
                }
                secrets {
                  ike-petrel {
                    id-a = left.petrel.test
                    id-b = right.petrel.test
                    secret = "%s"
                  }
                }
                """.formatted(local, remote, ike, encap, localId, remoteId, localTs, remoteTs, esp, PSK);
    }
}
