package dev.petrel.ike.protect;

import static dev.petrel.ike.testing.SkPair.BODY_OFFSET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.ike.testing.IkeSuites;
import dev.petrel.ike.testing.SkPair;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SkProtection#open} on random and mutated messages, for AES-GCM-16 and AES-CBC with HMAC-SHA-256. The
 * property: it returns the sealed plaintext for a genuine, unchanged message and throws
 * {@link SkProtectionException} for anything else, never another exception.
 *
 * <p>Inputs are in the {@link MutationInputs} format; genuine message {@code i} is sealed under suite {@code i & 1}
 * with a plaintext of {@code PLAINTEXTS[i >> 1]} octets, and a raw message is opened under the suite its first
 * octet's low bit picks, with the body at the usual offset. Without JAZZER_FUZZ=1, {@link #open} replays its seed
 * corpus ({@code SkProtectionFuzzTestInputs/open}); {@link #mutatedMessagesRegression} runs 10,000 seeded cases
 * through the same property in every build.
 */
class SkProtectionFuzzTest {
    private static final List<SkPair> PAIRS = List.of(SkPair.of(IkeSuites.gcm16(), 11), SkPair.of(IkeSuites.cbcSha256(), 12));
    private static final int[] PLAINTEXTS = {0, 15, 16, 100};
    private static final byte[][] GENUINE = new byte[MutationInputs.GENUINE][];

    static {
        for (int i = 0; i < GENUINE.length; i++) {
            GENUINE[i] = SkPair.seal(PAIRS.get(i & 1).initiator(), 0, SkPair.plaintext(PLAINTEXTS[i >> 1]));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void open(byte[] input) {
        check(input);
    }

    @Test
    void mutatedMessagesRegression() {
        Random random = new Random(7296);
        for (int n = 0; n < 10_000; n++) {
            check(MutationInputs.seeded(random, 200, 200));
        }
    }

    @Test
    void genuineMessagesPassTheProperty() {
        for (int i = 0; i < GENUINE.length; i++) {
            assertEquals(1, check(new byte[] {(byte) i}), "an unmutated genuine message opens");
        }
    }

    /** Runs one input; returns 1 when it opened, 0 when it was refused. */
    private static int check(byte[] input) {
        byte[] message = MutationInputs.message(GENUINE, input);
        int suite = input.length == 0 ? 0 : input[0] & 1;
        int genuine = -1; // the genuine message of this suite that the input reproduces, if any
        for (int i = suite; i < GENUINE.length; i += 2) {
            genuine = Arrays.equals(message, GENUINE[i]) ? i : genuine;
        }
        try {
            byte[] opened = PAIRS.get(suite).responder().open(message, BODY_OFFSET, message.length - BODY_OFFSET);
            if (genuine < 0) {
                throw new AssertionError("a message nobody sealed opened");
            }
            assertArrayEquals(SkPair.plaintext(PLAINTEXTS[genuine >> 1]), opened);
            return 1;
        } catch (SkProtectionException e) {
            return 0;
        }
    }
}
