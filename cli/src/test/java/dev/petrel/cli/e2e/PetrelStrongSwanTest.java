package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.interop.SwanctlChildSa;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code petrel daemon} in the left namespace against strongSwan 5.9's charon with its userspace data plane
 * (kernel-libipsec, TUN ipsec0) in the right one, either side initiating, for the ESP suites both offer. strongSwan
 * 5.9.8's libipsec always encapsulates ESP in UDP, as Petrel does for now. One network, one daemon and one charon for
 * the class; each case loads its configuration into both (Petrel's reload, swanctl --load-all), brings the tunnel
 * up, sends real traffic through it, and ends with the initiator's terminate and nothing left on either side.
 */
@Execution(ExecutionMode.CONCURRENT)
class PetrelStrongSwanTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Level 1 shows the exchanges; level 2 would also log every ESP packet (40 MB a class, and a slower charon). */
    private static final int CHARON_LOG_LEVEL = 1;

    private static TestNetwork network;
    private static Daemons petrel;
    private static StrongSwanPeer charon;

    @TempDir
    static Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    enum Initiator { PETREL, STRONGSWAN }

    @BeforeAll
    static void network() throws Exception {
        StrongSwanPeer.assumeAvailable();
        Traffic.assumeToolsInstalled();
        network = Networks.create("pss");
        petrel = new Daemons(network, dir, false);
    }

    @AfterAll
    static void removeNetwork() throws Exception {
        try (Daemons d = petrel) {
            if (charon != null) {
                charon.close();
                charon = null;
            }
            if (d != null) {
                d.stopAndCheck();
            }
        } finally {
            Networks.close(network, "pss");
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Initiator.values()).flatMap(initiator -> Stream.of(
                Arguments.of(initiator, "aes128gcm16", "AES_GCM_16", 128, ""),
                Arguments.of(initiator, "aes256gcm16", "AES_GCM_16", 256, ""),
                Arguments.of(initiator, "chacha20poly1305", "CHACHA20_POLY1305", -1, ""),
                Arguments.of(initiator, "aes128-sha256", "AES_CBC", 128, "HMAC_SHA2_256_128")));
    }

    /**
     * PSK, tunnel mode, IPv4: the tunnel comes up from {@code initiator}, ping and iperf3 cross it as ESP in UDP 4500
     * and never in the clear, both sides list the CHILD_SA with the same transforms and SPIs and count packets both
     * ways, and the initiator's terminate leaves nothing on either side.
     */
    @Execution(ExecutionMode.SAME_THREAD)
    @ParameterizedTest(name = "{0} initiates, {1}")
    @MethodSource("cases")
    void tunnelCarriesTraffic(Initiator initiator, String esp, String encryption, int keySize, String integrity)
            throws Exception {
        Tunnel tunnel = Tunnel.ipv4(esp);
        petrel.use(tunnel, logs);
        useCharon(tunnel.rightConf());
        DaemonProcess left = bringUp(initiator);
        charon.awaitSas(sas -> sas.size() == 1 && sas.getFirst().children().size() == 1
                && sas.getFirst().children().getFirst().state().equals("INSTALLED"), "an IKE_SA with its CHILD_SA", WAIT);

        Traffic traffic = new Traffic(network, tunnel, dir, logs);
        traffic.watch(() -> {
            traffic.ping();
            traffic.iperf();
        });

        List<IkeSaStatus> petrelSas = left.control().listSas();
        List<SwanctlIkeSa> strongSwanSas = charon.listSas();
        ChildSaStatus ours = Listings.carriedTraffic(petrelSas, "Petrel");
        SwanctlChildSa theirs = Listings.carriedTraffic(strongSwanSas);
        assertEquals(initiator == Initiator.PETREL, Listings.established(petrelSas).initiator(), "Petrel's role");
        assertEquals(encryption, ours.algorithms().encryption(), "Petrel's ESP encryption: " + ours);
        assertEquals(encryption, theirs.encryption(), "strongSwan's ESP encryption: " + theirs);
        if (keySize > 0) {
            assertEquals(keySize, ours.algorithms().keySize(), "Petrel's key size: " + ours);
            assertEquals(keySize, theirs.encryptionKeySize(), "strongSwan's key size: " + theirs);
        }
        assertEquals(integrity, ours.algorithms().integrity(), "Petrel's ESP integrity: " + ours);
        assertEquals(integrity, theirs.integrity(), "strongSwan's ESP integrity: " + theirs);
        assertEquals(ours.spiIn(), hex(theirs.spiOut()), "SPIs: Petrel " + ours + ", strongSwan " + theirs);
        assertEquals(ours.spiOut(), hex(theirs.spiIn()), "SPIs: Petrel " + ours + ", strongSwan " + theirs);

        if (initiator == Initiator.PETREL) {
            petrel.terminate(() -> charon.awaitSas(List::isEmpty, "no IKE_SA after Petrel's terminate", WAIT));
        } else {
            charon.terminateIke(Tunnel.CONNECTION);
            left.awaitSas(List::isEmpty, "empty list-sas after strongSwan's terminate", WAIT);
            charon.awaitSas(List::isEmpty, "no IKE_SA after its terminate", WAIT);
            assertEquals("", Listings.petrelRoutes(left.namespace()), "Petrel routes after strongSwan's terminate");
        }
    }

    /**
     * X.509 certificates (ECDSA P-256 under one throw-away CA, identities in the subjectAltName) instead of the PSK,
     * from strongSwan's swanctl folders beside each side's swanctl.conf: the tunnel comes up from {@code initiator}
     * and carries traffic, and each side names the other's certificate identity.
     */
    @Execution(ExecutionMode.SAME_THREAD)
    @ParameterizedTest(name = "{0} initiates")
    @EnumSource(Initiator.class)
    void certificatesAuthenticateBothSides(Initiator initiator) throws Exception {
        Tunnel tunnel = Tunnel.ipv4("aes128gcm16").withCertificates();
        useCertificates(tunnel, Pki.make());
        DaemonProcess left = bringUp(initiator);
        Traffic traffic = new Traffic(network, tunnel, dir, logs);
        traffic.watch(() -> {
            traffic.ping();
            traffic.iperf();
        });
        IkeSaStatus ours = Listings.established(left.control().listSas());
        assertEquals("right.petrel.test", ours.remoteId(), "the identity strongSwan proved: " + ours);
        assertEquals(initiator == Initiator.PETREL, ours.initiator(), "Petrel's role");
        assertTrue(charon.listSas().getFirst().attributes().toString().contains("left.petrel.test"),
                "strongSwan's view of Petrel's identity: " + charon.listSas());
        petrel.terminate(() -> charon.awaitSas(List::isEmpty, "no IKE_SA after Petrel's terminate", WAIT));
        charon.close();
        charon = null;
    }

    /**
     * strongSwan's certificate is revoked by a CRL that strongSwan's own {@code pki --signcrl} made, in x509crl/
     * beside Petrel's swanctl.conf: strongSwan initiates, Petrel refuses its IKE_AUTH with AUTHENTICATION_FAILED and
     * logs the revocation, date, reason and CRL issuer; neither keeps an SA.
     */
    @Execution(ExecutionMode.SAME_THREAD)
    @Test
    void aRevokedStrongSwanCertificateIsRefusedByPetrelsCrl() throws Exception {
        Pki pki = Pki.make();
        Path work = Files.createDirectories(dir.resolve("crl-work"));
        Files.writeString(work.resolve("ca.pem"), TestPki.pem(pki.ca().certificate()));
        Files.writeString(work.resolve("ca.key"), TestPki.pem(pki.ca().privateKey()));
        Files.writeString(work.resolve("right.pem"), TestPki.pem(pki.right().certificate()));
        Path crl = Files.createDirectories(dir.resolve("x509crl")).resolve("ca.crl");
        Files.writeString(crl, Commands.run(List.of("pki", "--signcrl", "--cacert", work.resolve("ca.pem").toString(),
                "--cakey", work.resolve("ca.key").toString(), "--reason", "key-compromise", "--cert",
                work.resolve("right.pem").toString(), "--outform", "pem"), Map.of(), Duration.ofSeconds(30))
                .requireSuccess());
        try {
            Tunnel tunnel = Tunnel.ipv4("aes128gcm16").withCertificates();
            useCertificates(tunnel, pki);
            int refusals = count(petrel.left().log(), "was revoked on");
            try {
                charon.initiate(Tunnel.CHILD);
            } catch (IOException expected) {
                // swanctl reports the failed initiation
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (count(petrel.left().log(), "was revoked on") == refusals && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String log = petrel.left().log();
            assertTrue(log.matches("(?s).*" + Tunnel.CONNECTION + ": peer right\\.petrel\\.test: the peer's certificate "
                    + "CN=right\\.petrel\\.test was revoked on \\S+ \\(keyCompromise\\) by the CRL of CN=Petrel e2e CA.*"),
                    petrel.left().logTail());
            charon.awaitSas(List::isEmpty, "no IKE_SA after Petrel's AUTHENTICATION_FAILED", WAIT);
            assertTrue(charon.logText().contains("received AUTHENTICATION_FAILED notify error"), "charon's log");
            petrel.left().awaitSas(List::isEmpty, "no SA on Petrel's side", WAIT);
        } finally {
            Files.delete(crl);
            charon.close();
            charon = null;
        }
    }

    /** A throw-away CA and both sides' certificates, ECDSA P-256, identities in the subjectAltName, valid a day. */
    private record Pki(TestPki.Issued ca, TestPki.Issued left, TestPki.Issued right) {
        static Pki make() {
            Instant now = Instant.now();
            TestPki.Issued ca = TestPki.ca("CN=Petrel e2e CA", KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(1)));
            return new Pki(ca, host(ca, "left", now), host(ca, "right", now));
        }

        private static TestPki.Issued host(TestPki.Issued ca, String name, Instant now) {
            return ca.issue("CN=" + name + ".petrel.test", KeyType.ECDSA_P256, now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(1)), false, "dns:" + name + ".petrel.test");
        }
    }

    /**
     * Petrel's daemon with {@code tunnel} and the certificates in the swanctl folders beside its swanctl.conf (this
     * class's folder), and a fresh charon with strongSwan's.
     */
    private void useCertificates(Tunnel tunnel, Pki pki) throws Exception {
        for (Map.Entry<String, String> file : Map.of("x509/left.pem", TestPki.pem(pki.left().certificate()),
                "x509ca/ca.pem", TestPki.pem(pki.ca().certificate()), "private/left.pem",
                TestPki.pem(pki.left().privateKey())).entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.US_ASCII);
        }
        petrel.use(tunnel, logs);
        if (charon != null) {
            charon.close();
        }
        charon = StrongSwanPeer.start(network.right(), dir, tunnel.rightConf(), Map.of("x509/right.pem",
                TestPki.pem(pki.right().certificate()), "x509ca/ca.pem", TestPki.pem(pki.ca().certificate()),
                "private/right.pem", TestPki.pem(pki.right().privateKey())), Map.of(), CHARON_LOG_LEVEL);
        logs.add("charon", charon.log());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The tunnel up from {@code initiator}, as Petrel's left daemon lists it; returns that daemon. */
    private static DaemonProcess bringUp(Initiator initiator) throws Exception {
        DaemonProcess left = petrel.left();
        if (initiator == Initiator.PETREL) {
            CommandResult initiated = left.control().initiate(Tunnel.CONNECTION);
            assertTrue(initiated.ok(), "petrel initiate: " + initiated.lines());
        } else {
            charon.initiate(Tunnel.CHILD);
        }
        left.awaitSas(sas -> sas.size() == 1 && !sas.getFirst().children().isEmpty(), "an IKE SA with its CHILD_SA", WAIT);
        return left;
    }

    /** charon with {@code conf} loaded and no SA: the running one when it is idle, else a fresh one. */
    private void useCharon(String conf) throws IOException {
        if (charon != null) {
            boolean idle;
            try {
                idle = charon.listSas().isEmpty();
            } catch (IOException e) {
                idle = false;
            }
            if (idle) {
                charon.load(conf);
                logs.add("charon", charon.log());
                return;
            }
            StrongSwanPeer old = charon;
            charon = null;
            old.close();
        }
        charon = StrongSwanPeer.start(network.right(), dir, conf, Map.of(), CHARON_LOG_LEVEL);
        logs.add("charon", charon.log());
    }

    private static String hex(long spi) {
        return HexFormat.of().toHexDigits((int) spi);
    }
}
