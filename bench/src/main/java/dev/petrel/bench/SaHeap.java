package dev.petrel.bench;

import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * Heap per established IKE SA, each with one CHILD_SA, that one responder engine holds: {@code N} in-memory
 * handshakes ({@link EnginePair}, PSK, aes128gcm16-prfsha256-x25519, ESP aes128gcm16, tunnel mode) from one initiator
 * engine (so that only the first IKE_AUTH carries INITIAL_CONTACT, RFC 7296 §2.4, and the responder keeps them all)
 * into one responder engine; then the initiator is dropped, the heap collected, and the used heap compared with that
 * before the first handshake. The engine alone: a daemon also holds each CHILD_SA's data plane state.
 *
 * <p>Usage: {@code java -Xmx4g -cp bench/target/benchmarks.jar dev.petrel.bench.SaHeap N [classes]}, which prints
 * bytes per IKE SA and, with {@code classes}, the heap histogram's top classes per IKE SA. Not a JMH benchmark.
 */
public final class SaHeap {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";
    private static final int TOP_CLASSES = 25;

    private SaHeap() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].equals("classes")) {
            System.err.println("usage: SaHeap N [classes]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        SecureRandom random = new SecureRandom();
        // a first handshake between engines of their own, outside the measurement: classes loaded, caches filled
        new EnginePair(IKE, ESP, EnginePair.Auth.PSK, random).handshake();
        IkeEngine responder = EnginePair.responder(IKE, ESP, EnginePair.Auth.PSK, random);
        long before = usedAfterGc();
        long start = System.nanoTime();
        establish(responder, EnginePair.initiator(IKE, ESP, EnginePair.Auth.PSK, random), n);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        String histogram = args.length == 2 ? histogram() : null;
        List<IkeSaView> sas = responder.sas();
        long up = sas.stream().filter(sa -> sa.state() == IkeSaState.ESTABLISHED && sa.children().size() == 1).count();
        if (up != n || sas.size() != n) {
            throw new IllegalStateException("the responder holds " + up + " established IKE SAs with one CHILD_SA, not " + n);
        }
        System.out.printf(Locale.ROOT, "%d IKE SAs with one CHILD_SA each in one responder engine (%.1f s, %.0f handshakes/s)%n",
                n, seconds, n / seconds);
        System.out.printf(Locale.ROOT, "used heap after GC: %.1f MiB before, %.1f MiB after: %.0f bytes per IKE SA%n",
                before / 1048576.0, after / 1048576.0, (after - before) / (double) n);
        if (histogram != null) {
            System.out.println("top classes (instances and bytes per IKE SA):");
            histogram.lines().filter(line -> line.matches("\\s*\\d+:.*")).limit(TOP_CLASSES).forEach(line -> perSa(line, n));
        }
    }

    /** {@code count} handshakes from {@code initiator}, each left established on both sides. */
    private static void establish(IkeEngine responder, IkeEngine initiator, int count) {
        EnginePair pair = new EnginePair(initiator, responder);
        for (int i = 0; i < count; i++) {
            if (pair.handshake() != 4) {
                throw new IllegalStateException("handshake " + i + " took other than four datagrams");
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code jcmd GC.class_histogram}, in this JVM (a full GC first). */
    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** One histogram line ({@code num: instances bytes class}) with its figures per IKE SA. */
    private static void perSa(String line, int n) {
        String[] f = line.trim().split("\\s+");
        System.out.printf(Locale.ROOT, "  %8.2f %8.1f B  %s%n", Long.parseLong(f[1]) / (double) n,
                Long.parseLong(f[2]) / (double) n, f[3]);
    }
}
