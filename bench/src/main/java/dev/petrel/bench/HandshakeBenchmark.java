package dev.petrel.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Complete IKEv2 handshakes per second in one thread, no sockets: IKE_SA_INIT and IKE_AUTH (PSK, or ECDSA P-256
 * certificates: two signatures, two verifications and two chain validations; or EAP-MSCHAPv2 against a certificate)
 * with the first CHILD_SA between two
 * fresh engines ({@link EnginePair}) for each operation, so no state carries over. Making the engines and checking
 * that both sides reached ESTABLISHED happen outside the timed part. {@code -p auth=ECDSA_P256} runs the certificate
 * case alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {
    @Param({"aes128gcm16-prfsha256-x25519", "aes128gcm16-prfsha256-ecp256", "aes128gcm16-prfsha256-mlkem768"})
    public String ike;

    @Param({"PSK", "ECDSA_P256", "EAP_MSCHAPV2"})
    public EnginePair.Auth auth;

    private final SecureRandom random = new SecureRandom();
    private EnginePair pair;

    @Setup(Level.Invocation)
    public void freshPair() {
        pair = new EnginePair(ike, "aes128gcm16", auth, random);
    }

    @Benchmark
    public int handshake() {
        return pair.handshake();
    }

    @TearDown(Level.Invocation)
    public void established() {
        pair.checkEstablished();
    }
}
