package dev.petrel.cli.demo;

import dev.petrel.esp.ah.AhInboundSa;
import dev.petrel.esp.ah.AhOutboundSa;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.PolicyAction;
import dev.petrel.esp.policy.SecurityPolicy;
import dev.petrel.esp.policy.Spd;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.packet.SelectorParser;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundProcessing;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.OutboundProcessing;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ip.UdpDatagram;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo of the data plane: for each scenario an SA pair built from fixed keys carries a UDP datagram one way,
 * then a replayed copy and a tampered copy of the protected packet are offered to the receiver, which must drop
 * both. The keys are fixed so that runs are reproducible; they are demo keys and never leave this class.
 */
public final class DataPlaneDemo {
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(SecurityProtocol.ESP, Mode.TUNNEL, EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE, false,
                    "192.0.2.1", "192.0.2.2", "198.51.100.10", "203.0.113.20"),
            new Scenario(SecurityProtocol.ESP, Mode.TUNNEL, EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0, IntegrityAlgorithm.NONE, true,
                    "192.0.2.1", "192.0.2.2", "2001:db8:1::10", "2001:db8:2::20"),
            new Scenario(SecurityProtocol.ESP, Mode.TRANSPORT, EncryptionAlgorithm.ENCR_AES_CBC, 256, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, true,
                    "2001:db8::1", "2001:db8::2", "2001:db8::1", "2001:db8::2"),
            new Scenario(SecurityProtocol.ESP, Mode.TRANSPORT, EncryptionAlgorithm.ENCR_NULL, 0, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, false,
                    "192.0.2.1", "192.0.2.2", "192.0.2.1", "192.0.2.2"),
            new Scenario(SecurityProtocol.AH, Mode.TUNNEL, EncryptionAlgorithm.ENCR_NULL, 0, IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, false,
                    "192.0.2.1", "192.0.2.2", "198.51.100.10", "203.0.113.20"));

    private static final int ROOM = 128;
    private static final byte[] MESSAGE = "hello through the tunnel".getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;
    private final ProcessResult result = new ProcessResult();
    private final SelectorParser parser = new SelectorParser();
    private final PacketSelector selector = new PacketSelector();
    private int spi = 0x1000;
    private boolean allGood = true;

    public DataPlaneDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs every scenario and prints the report; true when every step behaved as it must. */
    public boolean run() {
        out.println("Petrel data-plane demo: SA pairs from fixed keys (no IKE yet), UDP datagrams through each, attacks included.");
        out.println();
        for (Scenario s : SCENARIOS) {
            runScenario(s);
        }
        policyLookups();
        out.println(allGood ? "All checks passed." : "SOME CHECKS FAILED.");
        return allGood;
    }

    private void runScenario(Scenario s) {
        SaParameters params = SaParameters.builder()
                .spi(++spi)
                .protocol(s.protocol())
                .mode(s.mode())
                .encryption(s.encryption(), s.keyBits())
                .integrity(s.integrity())
                .extendedSequenceNumbers(s.esn())
                .replayWindow(64)
                .lifetime(LifetimeLimits.NONE)
                .addresses(address(s.outerLocal()), address(s.outerRemote()))
                .build();
        out.printf("SA 0x%08x  %s%n", params.spi(), s.title());
        try (OutboundProcessing sender = outbound(params); InboundProcessing receiver = inbound(params.mirrored())) {
            byte[] inner = UdpDatagram.packet(address(s.innerSource()).getAddress(), 5000,
                    address(s.innerDestination()).getAddress(), 6000, MESSAGE);
            out.printf("  sent      UDP %s:5000 -> %s:6000, %d octets: \"%s\"%n", s.innerSource(), s.innerDestination(),
                    inner.length, new String(MESSAGE, StandardCharsets.US_ASCII));

            byte[] first = protect(sender, inner);
            out.printf("  on wire   %d octets: %s...%n", first.length, HexFormat.of().formatHex(first, 0, Math.min(first.length, 32)));
            expectAccepted(receiver, first.clone(), inner, "received");
            expectDrop(receiver, first.clone(), "the same packet again (replay)");

            byte[] second = protect(sender, inner);
            byte[] tampered = second.clone();
            tampered[tampered.length - 1] ^= 0x01;
            expectDrop(receiver, tampered, "next packet with one ICV bit flipped");
            expectAccepted(receiver, second, inner, "next packet as sent");
            out.printf("  counters  receiver %s%n%n", receiver.counters());
        }
    }

    private void expectAccepted(InboundProcessing receiver, byte[] packet, byte[] inner, String what) {
        boolean same = unprotect(receiver, packet)
                && Arrays.equals(packet, result.offset(), result.offset() + result.length(), inner, 0, inner.length);
        out.printf("  %-38s %s%n", what, same ? "accepted: the same " + inner.length + " octets, integrity verified" : "FAILED: " + result);
        allGood &= same;
    }

    private void expectDrop(InboundProcessing receiver, byte[] packet, String what) {
        boolean accepted = unprotect(receiver, packet);
        out.printf("  %-38s %s%n", what, accepted ? "ACCEPTED (wrong!)" : "dropped: " + result.dropReason());
        allGood &= !accepted;
    }

    private void policyLookups() {
        Spd<String> spd = new Spd<>();
        spd.add(SecurityPolicy.bypass("ike", List.of(TrafficSelector.subnet("192.0.2.0/24", 17, 500, 500)), List.of(TrafficSelector.any(false))));
        spd.add(SecurityPolicy.protect("site", List.of(TrafficSelector.subnet("198.51.100.0/24")),
                List.of(TrafficSelector.subnet("203.0.113.0/24")), "SA 0x1001"));
        out.println("SPD (RFC 4301 §4.4.1): first match wins, no match discards");
        lookup(spd, "198.51.100.10", 5000, "203.0.113.20", 6000);
        lookup(spd, "192.0.2.1", 500, "192.0.2.2", 500);
        lookup(spd, "198.51.100.10", 5000, "192.0.2.99", 53);
        out.println();
    }

    private void lookup(Spd<String> spd, String src, int sport, String dst, int dport) {
        byte[] p = UdpDatagram.packet(address(src).getAddress(), sport, address(dst).getAddress(), dport, MESSAGE);
        check(parser.parse(p, 0, p.length, selector), "selector parsing");
        SecurityPolicy<String> policy = spd.lookupOutbound(selector);
        out.printf("  UDP %s:%d -> %s:%d  => %s%s%n", src, sport, dst, dport, policy.action(),
                policy.action() == PolicyAction.PROTECT ? " with " + policy.protection() : " (policy " + policy.name() + ")");
    }

    /** The protected packet for {@code inner}; with fixed keys and enough room only a bug can make this fail. */
    private byte[] protect(OutboundProcessing sa, byte[] inner) {
        byte[] buf = new byte[ROOM + inner.length + ROOM];
        System.arraycopy(inner, 0, buf, ROOM, inner.length);
        check(sa.encapsulate(buf, ROOM, inner.length, result), "encapsulation");
        return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
    }

    private boolean unprotect(InboundProcessing sa, byte[] packet) {
        return sa.decapsulate(packet, 0, packet.length, result);
    }

    private static OutboundProcessing outbound(SaParameters p) {
        return p.protocol() == SecurityProtocol.AH ? new AhOutboundSa(p, integrityKey(p)) : new OutboundSa(p, encryptionKey(p), integrityKey(p));
    }

    private static InboundProcessing inbound(SaParameters p) {
        return p.protocol() == SecurityProtocol.AH ? new AhInboundSa(p, integrityKey(p)) : new InboundSa(p, encryptionKey(p), integrityKey(p));
    }

    /** Demo keying material: the octets 0x00, 0x01, ... of the length the SA takes. */
    private static byte[] encryptionKey(SaParameters p) {
        return ramp(p.encryptionKeyLength(), 0);
    }

    private static byte[] integrityKey(SaParameters p) {
        return ramp(p.integrityKeyLength(), 0x80);
    }

    private static byte[] ramp(int length, int start) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (start + i);
        }
        return key;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " failed");
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
