package dev.petrel.esp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.testkit.interop.StrongSwanChildKeys;
import dev.petrel.testkit.pcap.PcapReader;
import dev.petrel.testkit.vectors.ProjectPaths;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ESP made by another implementation, opened by Petrel: two strongSwan 5.9 peers (userspace ESP, kernel-libipsec)
 * in network namespaces carry pings; the capture and the keys strongSwan logs at level 4 go to Petrel's inbound
 * SAs, which must authenticate, decrypt and selector-check every packet in both directions, and reject a replay.
 * strongSwan 5.9's libipsec always sends ESP in UDP 4500 (RFC 3948); the test strips the UDP header and the
 * non-ESP marker check is the framing the gateway will do.
 */
class StrongSwanEspTest {
    private static final String LEFT = "192.0.2.1";
    private static final String RIGHT = "192.0.2.2";
    private static final int PING_BYTES = 200;

    @TempDir
    Path dir;

    @BeforeAll
    static void strongSwanAvailable() {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (namespaces)");
        }
        for (String tool : List.of("/usr/sbin/charon-systemd", "/usr/sbin/swanctl", "/usr/bin/tshark", "/usr/bin/ping")) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool);
            }
        }
        if (!Files.exists(Path.of("/usr/lib/ipsec/plugins/libstrongswan-openssl.so"))) {
            missing.add("libstrongswan-standard-plugins");
        }
        if (!missing.isEmpty()) {
            String why = "SKIPPED: the strongSwan ESP interop test needs " + missing + " (.ci/run installs them)";
            System.err.println(why);
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aes128gcm16,      ENCR_AES_GCM_16,        128, NONE",
        "aes256gcm16,      ENCR_AES_GCM_16,        256, NONE",
        "chacha20poly1305, ENCR_CHACHA20_POLY1305, 0,   NONE",
        "aes128-sha256,    ENCR_AES_CBC,           128, AUTH_HMAC_SHA2_256_128",
        "aes256-sha512,    ENCR_AES_CBC,           256, AUTH_HMAC_SHA2_512_256",
    })
    void petrelOpensStrongSwansEsp(String proposal, EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity)
            throws Exception {
        capture(proposal);
        StrongSwanChildKeys keys = StrongSwanChildKeys.parse(dir.resolve("left.log"));
        List<byte[]> packets = PcapReader.ipPackets(dir.resolve("capture.pcap"));

        // Left (initiator) to right: the initiator's keys, on right's inbound SA; and the replies the other way.
        SaParameters toRight = inbound((int) keys.outboundSpi(), RIGHT, LEFT, "203.0.113.0/24", "198.51.100.0/24",
                encryption, keyBits, integrity);
        SaParameters toLeft = inbound((int) keys.inboundSpi(), LEFT, RIGHT, "198.51.100.0/24", "203.0.113.0/24",
                encryption, keyBits, integrity);
        try (InboundSa right = new InboundSa(toRight, keys.encryptionInitiator(), keys.integrityInitiator());
             InboundSa left = new InboundSa(toLeft, keys.encryptionResponder(), keys.integrityResponder())) {
            List<byte[]> requests = open(right, espFrom(packets, LEFT, keys.outboundSpi()));
            List<byte[]> replies = open(left, espFrom(packets, RIGHT, keys.inboundSpi()));
            assertEquals(3, requests.size(), "three echo requests decrypted");
            assertEquals(3, replies.size(), "three echo replies decrypted");
            for (byte[] p : requests) {
                assertIcmpEcho(p, "198.51.100.1", "203.0.113.1", 8);
            }
            for (byte[] p : replies) {
                assertIcmpEcho(p, "203.0.113.1", "198.51.100.1", 0);
            }
            byte[] replay = espFrom(packets, LEFT, keys.outboundSpi()).getFirst();
            ProcessResult result = new ProcessResult();
            assertFalse(right.decapsulate(replay, 0, replay.length, result));
            assertEquals(DropReason.REPLAY, result.dropReason());
        }
    }

    private void capture(String proposal) throws IOException, InterruptedException {
        Path script = ProjectPaths.root().resolve("interop/strongswan-esp-capture.sh");
        Process p = new ProcessBuilder(script.toString(), dir.toString(), proposal)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("capture.out").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("strongswan-esp-capture.sh did not finish in 120 s:\n" + Files.readString(dir.resolve("capture.out")));
        }
        assertEquals(0, p.exitValue(), () -> "strongswan-esp-capture.sh failed:\n" + readQuietly(dir.resolve("capture.out")));
    }

    /** ESP packets from {@code source} with {@code spi}, taken out of UDP 4500 and put behind an IPv4 header of protocol 50. */
    private static List<byte[]> espFrom(List<byte[]> packets, String source, long spi) throws IOException {
        byte[] src = InetAddress.getByName(source).getAddress();
        List<byte[]> esp = new ArrayList<>();
        for (byte[] p : packets) {
            int hl = Ipv4Header.headerLength(p, 0);
            boolean udp4500 = Ipv4Header.protocol(p, 0) == IpProtocol.UDP && IpPacket.u16(p, hl + 2) == 4500;
            if (!udp4500 || !Arrays.equals(p, Ipv4Header.SOURCE_OFFSET, Ipv4Header.SOURCE_OFFSET + 4, src, 0, 4)) {
                continue;
            }
            int espOff = hl + 8;
            long packetSpi = (IpPacket.u16(p, espOff) & 0xffffL) << 16 | IpPacket.u16(p, espOff + 2);
            if (p.length - espOff < 8 || packetSpi != spi) {
                continue; // a non-ESP marker (IKE) or a keepalive, RFC 3948 §2.2
            }
            byte[] ip = new byte[20 + p.length - espOff];
            Ipv4Header.write(ip, 0, 0, ip.length, 0, false, 64, IpProtocol.ESP, src,
                    Arrays.copyOfRange(p, Ipv4Header.DESTINATION_OFFSET, Ipv4Header.DESTINATION_OFFSET + 4));
            System.arraycopy(p, espOff, ip, 20, p.length - espOff);
            esp.add(ip);
        }
        return esp;
    }

    private static List<byte[]> open(InboundSa sa, List<byte[]> esp) {
        ProcessResult result = new ProcessResult();
        List<byte[]> inner = new ArrayList<>();
        for (byte[] packet : esp) {
            assertTrue(sa.decapsulate(packet, 0, packet.length, result), () -> "Petrel rejected strongSwan's ESP: " + result);
            inner.add(Arrays.copyOfRange(packet, result.offset(), result.offset() + result.length()));
        }
        return inner;
    }

    private static void assertIcmpEcho(byte[] p, String src, String dst, int type) throws IOException {
        assertEquals(IpProtocol.ICMP, Ipv4Header.protocol(p, 0));
        assertEquals(20 + 8 + PING_BYTES, p.length, "ping -s 200: 228 octets");
        assertTrue(Ipv4Header.verifyChecksum(p, 0));
        assertEquals(src, InetAddress.getByAddress(Arrays.copyOfRange(p, 12, 16)).getHostAddress());
        assertEquals(dst, InetAddress.getByAddress(Arrays.copyOfRange(p, 16, 20)).getHostAddress());
        assertEquals(type, p[20] & 0xff, "ICMP type");
    }

    private static SaParameters inbound(int spi, String local, String remote, String localNet, String remoteNet,
                                        EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) throws IOException {
        return SaParameters.builder()
                .spi(spi)
                .mode(Mode.TUNNEL)
                .encryption(encryption, keyBits)
                .integrity(integrity)
                .replayWindow(32)
                .lifetime(LifetimeLimits.NONE)
                .addresses(InetAddress.getByName(local), InetAddress.getByName(remote))
                .selectors(List.of(TrafficSelector.subnet(localNet)), List.of(TrafficSelector.subnet(remoteNet)))
                .build();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
