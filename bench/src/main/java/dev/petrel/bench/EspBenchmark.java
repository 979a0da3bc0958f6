package dev.petrel.bench;

import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ESP tunnel-mode encapsulation and decapsulation of one IPv4 packet of {@code size} octets (the inner packet,
 * headers included) on one core, in place in a reused buffer as the gateway will call it. Each encapsulation
 * restores the inner IP header the previous one encrypted (20 octets); each decapsulation restores the protected
 * packet it decrypted in place (a copy of the whole packet), with anti-replay off so that the same packet can be
 * opened again. Compare with {@link BareAeadBenchmark} at the same size.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EspBenchmark {
    @Param({"64", "512", "1400", "8192"})
    public int size;

    @Param({"AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305", "AES-128-CBC/HMAC-SHA-256", "NULL/HMAC-SHA-256"})
    public String suite;

    private static final int ROOM = 128;

    private OutboundSa outbound;
    private InboundSa inbound;
    private final ProcessResult result = new ProcessResult();
    private byte[] inner;
    private byte[] encapsulateBuffer;
    private byte[] sealed;
    private byte[] decapsulateBuffer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SaParameters p = parameters();
        byte[] ek = new byte[p.encryptionKeyLength()];
        byte[] ik = new byte[p.integrityKeyLength()];
        outbound = new OutboundSa(p, ek.clone(), ik.clone());
        inbound = new InboundSa(p.mirrored(), ek, ik);
        inner = UdpDatagram.packet(new byte[] {(byte) 198, 51, 100, 10}, 5000, new byte[] {(byte) 203, 0, 113, 20}, 6000,
                new byte[size - 28]);
        encapsulateBuffer = new byte[ROOM + size + ROOM];
        System.arraycopy(inner, 0, encapsulateBuffer, ROOM, size);
        if (!outbound.encapsulate(encapsulateBuffer, ROOM, size, result)) {
            throw new IllegalStateException("setup encapsulation failed: " + result);
        }
        sealed = Arrays.copyOfRange(encapsulateBuffer, result.offset(), result.offset() + result.length());
        decapsulateBuffer = sealed.clone();
    }

    private SaParameters parameters() throws Exception {
        SaParameters.Builder b = SaParameters.builder()
                .spi(0x1001)
                .mode(Mode.TUNNEL)
                .replayWindow(0)
                .lifetime(LifetimeLimits.NONE)
                .addresses(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"));
        SaParameters.Builder withSuite = switch (suite) {
            case "AES-128-GCM" -> b.encryption(EncryptionAlgorithm.ENCR_AES_GCM_16, 128).integrity(IntegrityAlgorithm.NONE);
            case "AES-256-GCM" -> b.encryption(EncryptionAlgorithm.ENCR_AES_GCM_16, 256).integrity(IntegrityAlgorithm.NONE);
            case "ChaCha20-Poly1305" -> b.encryption(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0).integrity(IntegrityAlgorithm.NONE);
            case "AES-128-CBC/HMAC-SHA-256" -> b.encryption(EncryptionAlgorithm.ENCR_AES_CBC, 128).integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);
            case "NULL/HMAC-SHA-256" -> b.encryption(EncryptionAlgorithm.ENCR_NULL, 0).integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);
            default -> throw new IllegalArgumentException(suite);
        };
        return withSuite.build();
    }

    @Benchmark
    public int encapsulate() {
        System.arraycopy(inner, 0, encapsulateBuffer, ROOM, 20);
        outbound.encapsulate(encapsulateBuffer, ROOM, size, result);
        return result.length();
    }

    @Benchmark
    public int decapsulate() {
        System.arraycopy(sealed, 0, decapsulateBuffer, 0, sealed.length);
        inbound.decapsulate(decapsulateBuffer, 0, sealed.length, result);
        return result.length();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (!result.ok()) {
            throw new IllegalStateException("the last packet was dropped: " + result);
        }
        outbound.destroy();
        inbound.destroy();
    }
}
