package dev.petrel.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.cli.Petrel;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.testkit.pki.KeyType;
import dev.petrel.testkit.pki.TestPki;
import dev.petrel.testkit.pki.TestPki.Issued;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ike.ProtocolId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code petrel load} against a Petrel responder engine on loopback UDP, in this JVM. */
class LoadGeneratorTest {
    private static final byte[] PSK = "petrel-load-test-psk-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    private UdpIkeEndpoint endpoint;
    private int ikePort;
    private int natTPort;
    private final List<Integer> installed = new ArrayList<>();

    @BeforeEach
    void pskFile() throws Exception {
        Files.write(dir.resolve("psk"), (new String(PSK, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A responder for any initiator, authenticating as {@code local} says and checking it as {@code remote} says. */
    private void responder(Authentication.Local local, Authentication.Remote remote) throws Exception {
        List<DatagramChannel> channels = List.of(DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)),
                DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)));
        ikePort = ((InetSocketAddress) channels.get(0).getLocalAddress()).getPort();
        natTPort = ((InetSocketAddress) channels.get(1).getLocalAddress()).getPort();
        var dynamic = List.of(TrafficSelectors.dynamic(IpProtocol.ANY, 0, 65_535));
        ChildConfig child = new ChildConfig("net", dynamic, dynamic, ProposalParser.parseList("aes128gcm16", ProtocolId.ESP),
                Mode.TUNNEL, 64);
        IkeConfig config = new IkeConfig("responder", null, null,
                ProposalParser.parseList(LoadCommand.DEFAULT_IKE, ProtocolId.IKE), Identity.parse("responder.petrel.test"),
                local, IdentityMatcher.parse("%any"), remote, List.of(child), false);
        IkeEngine responder = new IkeEngine(EngineSettings.DEFAULTS.withPorts(new EngineSettings.Ports(ikePort, natTPort)),
                List.of(config), new SecureRandom());
        endpoint = new UdpIkeEndpoint(responder, channels, action -> {
            if (action instanceof InstallChildSa install) {
                installed.add(install.inboundSpi());
            }
        });
    }

    private void pskResponder() throws Exception {
        PreSharedKey psk = new PreSharedKey(PSK.clone());
        responder(psk, psk);
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** Fifty handshakes with a CHILD_SA each, sixteen at a time from two ports, each deleted once up. */
    @Test
    void fiftyHandshakesSucceedAndAreDeleted() throws Exception {
        pskResponder();
        LoadReport report = load("--count", "50", "--concurrency", "16", "--source", "127.0.0.1", "--ports", "0");
        assertEquals(50, report.started());
        assertEquals(50, report.succeeded(), report.failures().toString());
        assertEquals(0, report.failed());
        assertEquals(0, report.unfinished());
        assertEquals(List.of(), report.failures());
        assertTrue(report.seconds() > 0 && report.handshakesPerSecond() > 0, report.toString());
        assertEquals(report.succeeded() / report.seconds(), report.handshakesPerSecond(), 1e-6);
        LoadReport.Latency l = report.latencyMs();
        assertNotNull(l);
        assertTrue(0 < l.p50() && l.p50() <= l.p90() && l.p90() <= l.p99() && l.p99() <= l.max(), l.toString());
        assertEquals(new LoadReport.Deletes(50, 50, 0), report.deletes());
        assertEquals(50, endpoint.query(e -> installed.size()).get(10, TimeUnit.SECONDS), "a CHILD_SA for each");
        assertEquals(List.of(), endpoint.query(IkeEngine::sas).get(10, TimeUnit.SECONDS), "every IKE SA deleted");
    }

    /** With --keep the responder holds every IKE SA, each with an identity of its own, until the end. */
    @Test
    void keptIkeSasAccumulateAtTheResponderWithTheirOwnIdentities() throws Exception {
        pskResponder();
        LoadReport report = load("--count", "20", "--concurrency", "4", "--keep", "--no-child");
        assertEquals(20, report.succeeded(), report.failures().toString());
        assertEquals(new LoadReport.Deletes(20, 20, 0), report.deletes());
        assertEquals(0, installed.size(), "no CHILD_SA asked for");
        assertEquals(List.of(), endpoint.query(IkeEngine::sas).get(10, TimeUnit.SECONDS));
    }

    /** A wrong PSK fails every handshake, for the reason the engine gives. */
    @Test
    void aWrongKeyFailsEveryHandshakeWithItsReason() throws Exception {
        pskResponder();
        Files.writeString(dir.resolve("psk"), "not-the-key-at-all-0123456789\n");
        LoadReport report = load("--count", "5", "--concurrency", "5");
        assertEquals(0, report.succeeded());
        assertEquals(5, report.failed());
        assertEquals(1, report.failures().size(), report.failures().toString());
        assertEquals(5, report.failures().getFirst().count());
        assertNull(report.latencyMs(), "no latency without a success");
    }

    /**
     * Certificates issued on the fly by the CA the responder trusts, one per initiator identity; the responder's from
     * the same CA.
     */
    @Test
    void issuedCertificatesAuthenticateEachInitiator() throws Exception {
        Instant now = Instant.now();
        Issued ca = TestPki.ca("CN=Load Test CA, O=Petrel, C=XX", KeyType.ECDSA_P256, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)));
        Issued ours = ca.issue("CN=responder.petrel.test, O=Petrel, C=XX", KeyType.ECDSA_P256, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)), false, "dns:responder.petrel.test");
        responder(new CertificateAuth(ours.certificate(), List.of(), ours.privateKey()), new TrustAnchors(List.of(ca.certificate())));
        Files.writeString(dir.resolve("ca.pem"), TestPki.pem(ca.certificate()));
        Files.writeString(dir.resolve("ca.key"), TestPki.pem(ca.privateKey()));
        LoadReport report = loadWith(List.of("--ca-cert", dir.resolve("ca.pem").toString(), "--ca-key",
                dir.resolve("ca.key").toString(), "--remote-id", "responder.petrel.test", "--count", "20", "--concurrency", "4"));
        assertEquals(20, report.succeeded(), report.failures().toString());
        assertEquals(new LoadReport.Deletes(20, 20, 0), report.deletes());
        assertEquals(20, installed.size());
    }

    private LoadReport load(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--psk-file", dir.resolve("psk").toString()));
        args.addAll(List.of(extra));
        return loadWith(args);
    }

    private LoadReport loadWith(List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("load", "127.0.0.1", "--port", Integer.toString(ikePort),
                "--nat-t-port", Integer.toString(natTPort), "--timeout", "5s", "--json"));
        args.addAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Petrel()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cli.execute(args.toArray(String[]::new));
        assertFalse(out.toString().isBlank(), "no report; status " + status + ": " + err);
        LoadReport report = new ObjectMapper().readValue(out.toString(), LoadReport.class);
        assertEquals(report.failed() == 0 && report.succeeded() > 0 ? 0 : 1, status, err.toString());
        return report;
    }
}
