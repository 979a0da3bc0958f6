package dev.petrel.ike.protect;

import static dev.petrel.ike.testing.SkPair.BODY_OFFSET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.ike.testing.IkeSuites;
import dev.petrel.ike.testing.SkPair;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SkProtection#open} on random and mutated messages, for AES-GCM-16 and AES-CBC with HMAC-SHA-256. The
 * property: it returns the sealed plaintext for a genuine, unchanged message and throws
 * {@link SkProtectionException} for anything else, never another exception, whatever body offset and length the
 * input names.
 *
 * <p>Input format: the first octet's bit 0 picks the suite. If its high bit is clear, bits 1-2 pick one of four
 * genuine messages and the rest are mutations, three octets each (a 16-bit position and an XOR mask; a zero mask
 * truncates there). Otherwise the next two octets are a body offset and length and the rest is the message itself.
 * Without JAZZER_FUZZ=1, {@link #open} replays its seed corpus ({@code SkProtectionFuzzTestInputs/open});
 * {@link #mutatedMessagesRegression} runs 10,000 seeded cases through the same property in every build.
 */
class SkProtectionFuzzTest {
    private static final List<SkPair> PAIRS = List.of(SkPair.of(IkeSuites.gcm16(), 11), SkPair.of(IkeSuites.cbcSha256(), 12));
    private static final int[] PLAINTEXTS = {0, 15, 16, 100};

    @FuzzTest(maxDuration = "30s")
    void open(byte[] input) {
        check(input);
    }

    @Test
    void mutatedMessagesRegression() {
        Random random = new Random(7296);
        for (int n = 0; n < 10_000; n++) {
            byte[] input;
            if (random.nextInt(8) == 0) {
                input = new byte[3 + random.nextInt(200)];
                random.nextBytes(input);
                input[0] |= (byte) 0x80;
            } else {
                int mutations = random.nextInt(4);
                input = new byte[1 + 3 * mutations];
                input[0] = (byte) random.nextInt(8);
                for (int m = 0; m < mutations; m++) {
                    int pos = random.nextInt(200);
                    input[1 + 3 * m] = (byte) (pos >>> 8);
                    input[2 + 3 * m] = (byte) pos;
                    input[3 + 3 * m] = (byte) (random.nextInt(16) == 0 ? 0 : 1 << random.nextInt(8));
                }
            }
            check(input);
        }
    }

    @Test
    void genuineMessagesPassTheProperty() {
        for (int i = 0; i < 8; i++) {
            assertEquals(1, check(new byte[] {(byte) i}), "an unmutated genuine message opens");
        }
    }

    /** Runs one input; returns 1 when it opened, 0 when it was refused. */
    private static int check(byte[] input) {
        if (input.length == 0) {
            return 0;
        }
        SkPair pair = PAIRS.get(input[0] & 1);
        try {
            if ((input[0] & 0x80) != 0) {
                if (input.length < 3) {
                    return 0;
                }
                byte[] message = Arrays.copyOfRange(input, 3, input.length);
                pair.responder().open(message, input[1], input[2]);
                throw new AssertionError("a message nobody sealed opened");
            }
            byte[] plaintext = SkPair.plaintext(PLAINTEXTS[(input[0] >>> 1) & 3]);
            byte[] sealed = SkPair.seal(pair.initiator(), 0, plaintext);
            byte[] message = mutate(sealed, input);
            boolean unchanged = Arrays.equals(sealed, message);
            byte[] opened = pair.responder().open(message, BODY_OFFSET, message.length - BODY_OFFSET);
            if (!unchanged) {
                throw new AssertionError("a changed message opened");
            }
            assertArrayEquals(plaintext, opened);
            return 1;
        } catch (SkProtectionException e) {
            return 0;
        }
    }

    private static byte[] mutate(byte[] sealed, byte[] input) {
        byte[] message = sealed.clone();
        for (int i = 1; i + 2 < input.length; i += 3) {
            int pos = ((input[i] & 0xff) << 8 | (input[i + 1] & 0xff)) % message.length;
            if (input[i + 2] == 0) {
                return Arrays.copyOf(message, Math.max(pos, BODY_OFFSET));
            }
            message[pos] ^= input[i + 2];
        }
        return message;
    }
}
