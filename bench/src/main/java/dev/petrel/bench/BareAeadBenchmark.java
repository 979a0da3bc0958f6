package dev.petrel.bench;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ceiling for ESP encapsulation: the bare JCA AEAD call (init with a fresh nonce, 8 octets of AAD, seal in
 * place) on a payload of the same size, with nothing of ESP around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BareAeadBenchmark {
    @Param({"64", "512", "1400", "8192"})
    public int size;

    @Param({"AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305"})
    public String aead;

    private Cipher cipher;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[8];
    private byte[] buf;
    private long counter;

    @Setup
    public void setUp() throws Exception {
        boolean chacha = aead.startsWith("ChaCha");
        cipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        key = new SecretKeySpec(new byte[chacha || aead.startsWith("AES-256") ? 32 : 16], chacha ? "ChaCha20" : "AES");
        buf = new byte[size + 16];
    }

    @Benchmark
    public int seal() throws Exception {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, aead.startsWith("ChaCha") ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad, 0, aad.length);
        return cipher.doFinal(buf, 0, size, buf, 0);
    }
}
