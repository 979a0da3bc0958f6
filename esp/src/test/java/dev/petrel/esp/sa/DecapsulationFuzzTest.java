package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decapsulation of random and mutated ESP packets for a fixed SA (AES-CBC + HMAC-SHA-256, tunnel mode, ESN). The
 * properties: it never throws, the result lies within the buffer, the replay window moves only when the packet's
 * ESP part is one the sender produced (that is, when the ICV verified), and allocation per packet is bounded.
 *
 * <p>Input format: if the first octet has its high bit clear, its low three bits pick one of eight genuine packets
 * and the rest are mutations, three octets each (a 16-bit position and an XOR mask; a zero mask truncates there);
 * otherwise the rest is the packet itself. Without JAZZER_FUZZ=1, {@link #decapsulate} replays its seed corpus
 * ({@code DecapsulationFuzzTestInputs/decapsulate}); {@link #mutatedPacketsRegression} runs 10,000 seeded cases
 * through the same property in every build.
 */
class DecapsulationFuzzTest {
    private static final SaPair PAIR = SaPair.of(Suite.cbcSha256(), Mode.TUNNEL, true, false, b -> b.replayWindow(64));
    private static final byte[][] GENUINE = new byte[8][];
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long ALLOCATION_BOUND = 64 * 1024;
    /** Jazzer's coverage instrumentation allocates inside the measured call while fuzzing; only replays measure. */
    private static final boolean MEASURE_ALLOCATION = System.getenv("JAZZER_FUZZ") == null;

    static {
        for (int i = 0; i < GENUINE.length; i++) {
            GENUINE[i] = PAIR.protect(Packets.udp("198.51.100.7", 4000 + i, "203.0.113.9", 5000, i * 37));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void decapsulate(byte[] input) {
        check(input);
    }

    @Test
    void mutatedPacketsRegression() {
        Random random = new Random(4303);
        for (int n = 0; n < 10_000; n++) {
            check(MutationInputs.seeded(random, 260, 120));
        }
    }

    @Test
    void genuinePacketsPassTheProperty() {
        for (int i = 0; i < GENUINE.length; i++) {
            assertEquals(1, check(new byte[] {(byte) i}), "an unmutated genuine packet is delivered");
        }
    }

    /** Runs one input against a fresh receiver; returns 1 when delivered, 0 when dropped. */
    private static int check(byte[] input) {
        byte[] packet = MutationInputs.message(GENUINE, input);
        InboundSa sa = PAIR.freshInbound();
        byte[] buf = new byte[packet.length + 8];
        System.arraycopy(packet, 0, buf, 3, packet.length);
        ProcessResult result = new ProcessResult();
        long before = MX.getCurrentThreadAllocatedBytes();
        boolean ok = sa.decapsulate(buf, 3, packet.length, result);
        long allocated = MX.getCurrentThreadAllocatedBytes() - before;
        assertTrue(!MEASURE_ALLOCATION || allocated < ALLOCATION_BOUND, () -> allocated + " bytes allocated for one packet");
        assertEquals(ok, result.ok());
        if (ok) {
            assertTrue(result.offset() >= 3 && result.offset() + result.length() <= 3 + packet.length, result::toString);
        } else {
            assertEquals(1, sa.counters().drops(result.dropReason()));
        }
        if (sa.highestSequenceNumber() != 0) {
            assertTrue(isGenuineEsp(packet), "the window moved for a packet whose ICV cannot have verified");
        }
        if (result.dropReason() == DropReason.INTEGRITY || result.dropReason() == DropReason.REPLAY) {
            assertEquals(0, sa.highestSequenceNumber());
        }
        sa.destroy();
        return ok ? 1 : 0;
    }

    /** True when the packet's ESP part (from the ESP header to the end of the IP packet) is a genuine packet's. */
    private static boolean isGenuineEsp(byte[] packet) {
        IpLayout layout = new IpLayout();
        if (!layout.parse(packet, 0, packet.length)) {
            return false;
        }
        byte[] esp = Arrays.copyOfRange(packet, layout.upperLayerOffset(), layout.packetLength());
        for (byte[] g : GENUINE) {
            if (Arrays.equals(esp, Arrays.copyOfRange(g, 20, g.length))) {
                return true;
            }
        }
        return false;
    }
}
