package dev.petrel.esp;

import com.sun.management.ThreadMXBean;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.esp.suite.EspSuite;
import dev.petrel.wire.esp.EspHeader;
import dev.petrel.wire.ip.Ipv4Header;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The two ends of one SA with the same keys: what the sender's {@link OutboundSa} protects, the receiver's
 * {@link InboundSa} must open. Keys come from a fixed seed. Also sends packets through a buffer with the headroom
 * and tailroom the contract asks for.
 */
public final class SaPair {
    public static final int SPI = 0x1234abcd;
    public static final String GATEWAY_A4 = "192.0.2.1";
    public static final String GATEWAY_B4 = "192.0.2.2";
    public static final String GATEWAY_A6 = "2001:db8::a";
    public static final String GATEWAY_B6 = "2001:db8::b";

    public final SaParameters parameters;
    public final OutboundSa outbound;
    public final InboundSa inbound;
    public final ProcessResult result = new ProcessResult();

    private SaPair(SaParameters parameters, OutboundSa outbound, InboundSa inbound) {
        this.parameters = parameters;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /** Parameters seen from the sender; the builder gets the suite, mode, ESN and gateway addresses filled in. */
    public static SaParameters.Builder parameters(Suite suite, Mode mode, boolean esn, boolean ipv6Gateways) {
        return SaParameters.builder()
                .spi(SPI)
                .mode(mode)
                .encryption(suite.encryption(), suite.keyBits())
                .integrity(suite.integrity())
                .extendedSequenceNumbers(esn)
                .lifetime(LifetimeLimits.NONE)
                .addresses(inet(ipv6Gateways ? GATEWAY_A6 : GATEWAY_A4), inet(ipv6Gateways ? GATEWAY_B6 : GATEWAY_B4));
    }

    public static SaPair of(Suite suite, Mode mode, boolean esn, boolean ipv6Gateways) {
        return of(parameters(suite, mode, esn, ipv6Gateways).build());
    }

    public static SaPair of(Suite suite, Mode mode, boolean esn, boolean ipv6Gateways, UnaryOperator<SaParameters.Builder> tweak) {
        return of(tweak.apply(parameters(suite, mode, esn, ipv6Gateways)).build());
    }

    /** Both ends of {@code sender}, the parameters as the sender sees them. */
    public static SaPair of(SaParameters sender) {
        byte[][] keys = keys(sender);
        OutboundSa out = new OutboundSa(sender, keys[0].clone(), keys[1].clone());
        InboundSa in = new InboundSa(sender.mirrored(), keys[0], keys[1]);
        return new SaPair(sender, out, in);
    }

    /** A new receiving end with the same keys and a fresh replay window. */
    public InboundSa freshInbound() {
        byte[][] keys = keys(parameters);
        return new InboundSa(parameters.mirrored(), keys[0], keys[1]);
    }

    /** The encryption and integrity keys of the SA, from a generator seeded with its SPI. */
    private static byte[][] keys(SaParameters p) {
        Random random = new Random(p.spi());
        byte[] encryption = new byte[p.encryptionKeyLength()];
        byte[] integrity = new byte[p.integrityKeyLength()];
        random.nextBytes(encryption);
        random.nextBytes(integrity);
        return new byte[][] {encryption, integrity};
    }

    /**
     * An ESP packet under an IPv4 header between the gateways, built by hand with this SA's keys so that its
     * trailer can be anything: {@code payload}, then {@code padding} as given, Pad Length {@code padLength}, Next
     * Header {@code nextHeader}, for sequence number {@code seq}. The IV is zero: fine for a test, not for traffic.
     */
    public byte[] craft(long seq, byte[] payload, byte[] padding, int padLength, int nextHeader) {
        byte[][] keys = keys(parameters);
        EspSuite suite = EspSuite.create(parameters.encryption(), parameters.encryptionKeyBits(), parameters.integrity(),
                parameters.extendedSequenceNumbers(), keys[0], keys[1]);
        int ct = payload.length + padding.length + 2;
        int espLength = 8 + suite.ivLength() + ct + suite.icvLength();
        byte[] packet = new byte[20 + espLength];
        Ipv4Header.write(packet, 0, 0, packet.length, 7, false, 64, 50, address(GATEWAY_A4), address(GATEWAY_B4));
        EspHeader.write(packet, 20, parameters.spi(), (int) seq);
        int ctOff = 20 + 8 + suite.ivLength();
        System.arraycopy(payload, 0, packet, ctOff, payload.length);
        System.arraycopy(padding, 0, packet, ctOff + payload.length, padding.length);
        packet[ctOff + ct - 2] = (byte) padLength;
        packet[ctOff + ct - 1] = (byte) nextHeader;
        suite.protect(packet, 20, ct, (int) (seq >>> 32));
        suite.destroy();
        return packet;
    }

    /** A buffer holding {@code packet} with the outbound SA's headroom and tailroom. */
    public byte[] framed(byte[] packet) {
        byte[] buf = new byte[outbound.headroom() + packet.length + outbound.tailroom()];
        System.arraycopy(packet, 0, buf, outbound.headroom(), packet.length);
        return buf;
    }

    /** What a test does to each protected packet, in place, before it is opened. */
    @FunctionalInterface
    public interface OnTheWire {
        void apply(byte[] buf, int off);
    }

    /**
     * Bytes this thread allocates per encapsulation and decapsulation of {@code inner} in steady state: 5000 round
     * trips after as many to warm up, each protected packet passed through {@code onTheWire} before it is opened.
     */
    public long allocatedPerRoundTrip(byte[] inner, OnTheWire onTheWire) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] buf = framed(inner);
        int n = 5000;
        long perPacket = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                System.arraycopy(inner, 0, buf, outbound.headroom(), inner.length);
                outbound.encapsulate(buf, outbound.headroom(), inner.length, result);
                onTheWire.apply(buf, result.offset());
                if (!inbound.decapsulate(buf, result.offset(), result.length(), result)) {
                    throw new AssertionError("round trip dropped: " + result);
                }
            }
            perPacket = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        }
        return perPacket;
    }

    /** Encapsulates {@code packet}; returns the ESP packet or fails the test with the drop reason. */
    public byte[] protect(byte[] packet) {
        byte[] buf = framed(packet);
        if (!outbound.encapsulate(buf, outbound.headroom(), packet.length, result)) {
            throw new AssertionError("encapsulation dropped: " + result);
        }
        return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
    }

    /** Decapsulates a copy of {@code esp}; returns the delivered packet, or null when dropped (see {@link #result}). */
    public byte[] open(byte[] esp) {
        byte[] buf = esp.clone();
        if (!inbound.decapsulate(buf, 0, buf.length, result)) {
            return null;
        }
        return Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length());
    }

    public static byte[] address(String literal) {
        return inet(literal).getAddress();
    }

    public static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static List<TrafficSelector> selectors(String... cidrs) {
        return Arrays.stream(cidrs).map(TrafficSelector::subnet).toList();
    }
}
