package dev.petrel.gateway.dataplane;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.esp.ah.AhInboundSa;
import dev.petrel.esp.ah.AhOutboundSa;
import dev.petrel.esp.policy.SecurityPolicy;
import dev.petrel.esp.policy.Spd;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.sa.SecurityProtocol;
import dev.petrel.gateway.os.tun.TcpCoalescer;
import dev.petrel.gateway.os.tun.TcpSegmenter;
import dev.petrel.testkit.fuzz.MutationInputs;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever comes from the network or the TUN device, the packet paths and the offload helpers drop or pass it and never
 * throw: each input goes in as ESP in UDP, raw ESP, raw AH with its IPv4 header, an inner packet, and a TUN read with
 * a virtio header. Genuine packets (ESP and AH from real SAs, inner TCP, UDP, IKE, a keepalive) are the seeds.
 * {@link #mutatedPacketsRegression} runs 20,000 seeded mutations in every build; {@code bin/fuzz DataPlane} fuzzes.
 */
class DataPlaneFuzzTest {
    private static final InetAddress LEFT = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress RIGHT = InetAddress.ofLiteral("192.0.2.2");
    private static final int ESP_SPI = 0x1001;
    private static final int AH_SPI = 0x1002;
    private static final byte[][] GENUINE = new byte[MutationInputs.GENUINE][];
    private static final InboundPath INBOUND;
    private static final OutboundPath OUTBOUND;
    private static final MemoryPorts.Outer OUTER = new MemoryPorts.Outer(new InetSocketAddress(RIGHT, 4500));
    private static final MemoryPorts.Inner INNER = new MemoryPorts.Inner();
    private static final TcpSegmenter SEGMENTER = new TcpSegmenter();
    private static final TcpCoalescer COALESCER = new TcpCoalescer();
    private static final byte[] BUFFER = new byte[DataPlane.HEADROOM + 65_535 + DataPlane.TAILROOM];
    private static final Arrival ARRIVAL = new Arrival();

    static {
        OUTER.peer = new MemoryPorts.Outer(new InetSocketAddress(LEFT, 4500));
        IkeLink ignore = new IkeLink() {
            @Override
            public void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {
            }

            @Override
            public void unknownSpi(InetAddress source, int spi) {
            }

            @Override
            public void acquire(String connection, String child) {
            }
        };
        DataPlaneCounters counters = new DataPlaneCounters();
        INBOUND = new InboundPath(INNER, ignore, counters);
        SaParameters esp = SaParameters.builder().spi(ESP_SPI).encryption(EncryptionAlgorithm.ENCR_AES_GCM_16, 128)
                .addresses(RIGHT, LEFT).build();
        SaParameters ah = SaParameters.builder().spi(AH_SPI).protocol(SecurityProtocol.AH)
                .encryption(EncryptionAlgorithm.ENCR_NULL, 0).integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128)
                .addresses(RIGHT, LEFT).build();
        INBOUND.add(ESP_SPI, InboundChild.of(new InboundSa(esp, new byte[20], new byte[0]), IpProtocol.ESP, 1360, 1340, new LifetimeFlags()));
        INBOUND.add(AH_SPI, InboundChild.of(new AhInboundSa(ah, new byte[32]), IpProtocol.AH, 0, 0, new LifetimeFlags()));
        Spd<Protection> spd = new Spd<>();
        spd.add(SecurityPolicy.protect("any", List.of(TrafficSelector.any(false), TrafficSelector.any(true)),
                List.of(TrafficSelector.any(false), TrafficSelector.any(true)), new OutboundChild("fuzz",
                        new OutboundSa(esp.mirrored(), new byte[20], new byte[0]), new LifetimeFlags(), new InetSocketAddress(LEFT, 4500), true,
                        IpProtocol.ESP, new ChildOptions(1400, ChildOptions.AUTO), 0)));
        OUTBOUND = new OutboundPath(spd, OUTER, INNER, ignore, counters);

        // seeds: what the peer's SAs send us (ESP in UDP and AH with its IPv4 header), inner packets, IKE, a keepalive
        byte[] inner = UdpDatagram.packet(InetAddress.ofLiteral("203.0.113.20").getAddress(), 7,
                InetAddress.ofLiteral("198.51.100.10").getAddress(), 40_000, new byte[64]);
        GENUINE[0] = protect(new OutboundSa(esp.mirrored(), new byte[20], new byte[0]), inner, true);
        GENUINE[1] = protect(new AhOutboundSa(ah.mirrored(), new byte[32]), inner, false);
        GENUINE[2] = inner;
        GENUINE[3] = tcp("198.51.100.10", "203.0.113.20");
        GENUINE[4] = tcp("2001:db8:1::1", "2001:db8:2::1");
        GENUINE[5] = new byte[] {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x20, 0x22, 0x08, 0};
        GENUINE[6] = new byte[] {(byte) 0xff};
        GENUINE[7] = UdpDatagram.packet(InetAddress.ofLiteral("2001:db8:1::1").getAddress(), 1,
                InetAddress.ofLiteral("2001:db8:2::1").getAddress(), 2, new byte[1500]);
    }

    private static byte[] tcp(String source, String destination) {
        try {
            return MssClampTest.tcp(source, destination, 0x12, 1460);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A packet as a peer's SA sends it: ESP without its IP header (as UDP delivers it), AH with it. */
    private static byte[] protect(dev.petrel.esp.sa.OutboundProcessing sa, byte[] inner, boolean stripHeader) {
        byte[] buf = new byte[256 + inner.length + 128];
        System.arraycopy(inner, 0, buf, 256, inner.length);
        ProcessResult result = new ProcessResult();
        if (!sa.encapsulate(buf, 256, inner.length, result)) {
            throw new IllegalStateException("cannot protect the seed: " + result);
        }
        int header = stripHeader ? 20 : 0;
        return Arrays.copyOfRange(buf, result.offset() + header, result.offset() + result.length());
    }

    @FuzzTest(maxDuration = "30s")
    void anyPacket(byte[] input) {
        byte[] packet = MutationInputs.message(GENUINE, input);
        int len = Math.min(packet.length, 65_535);
        for (Arrival.Kind kind : Arrival.Kind.values()) {
            System.arraycopy(packet, 0, BUFFER, DataPlane.HEADROOM, len);
            int protocol = kind == Arrival.Kind.RAW_IPV4 ? IpProtocol.AH : IpProtocol.ESP;
            ARRIVAL.set(len, kind, protocol, RIGHT.getAddress(), 0, 4, 4500, new InetSocketAddress(LEFT, 4500));
            INBOUND.process(BUFFER, DataPlane.HEADROOM, ARRIVAL);
        }
        System.arraycopy(packet, 0, BUFFER, DataPlane.HEADROOM, len);
        OUTBOUND.process(BUFFER, DataPlane.HEADROOM, len, 0);
        OUTBOUND.flush();
        byte[] header = Arrays.copyOf(packet, dev.petrel.gateway.os.tun.VirtioNetHeader.LENGTH);
        System.arraycopy(packet, 0, BUFFER, DataPlane.HEADROOM, len);
        int n = SEGMENTER.accept(header, 0, BUFFER, DataPlane.HEADROOM, len);
        for (int i = 0; n == 0 && i < 64 && SEGMENTER.pending(); i++) {
            SEGMENTER.next(BUFFER, DataPlane.HEADROOM);
        }
        while (SEGMENTER.pending()) {
            SEGMENTER.next(BUFFER, DataPlane.HEADROOM);
        }
        if (!COALESCER.add(packet, 0, len)) {
            COALESCER.take();
        }
        OUTER.peer.in.clear(); // what the inner port got stays bounded by its queue
    }

    @Test
    void mutatedPacketsRegression() {
        Random random = new Random(4303);
        for (int i = 0; i < 20_000; i++) {
            anyPacket(MutationInputs.seeded(random, 1600, 1600));
        }
    }
}
