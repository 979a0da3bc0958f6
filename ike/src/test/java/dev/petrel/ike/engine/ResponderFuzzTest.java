package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A responder engine fed arbitrary datagrams, and mutations of a genuine initiator's messages
 * ({@link Conversation}), at varying times, with {@link ResponderRun}'s invariants checked after each.
 *
 * <p>Input format: the first octet's low bit picks the settings (1: cookies demanded from the first half-open SA
 * on); then up to {@value #MAX_STEPS} steps, each a {@code when} octet ({@link ResponderRun#step}), a length octet,
 * and that many octets of a {@link MutationInputs} input over {@link Conversation#GENUINE}. Without JAZZER_FUZZ=1,
 * {@link #datagrams} replays its seed corpus ({@code ResponderFuzzTestInputs/datagrams});
 * {@link #mutatedConversationsRegression} runs 10,000 seeded inputs through the same checks in every build.
 */
class ResponderFuzzTest {
    private static final int MAX_STEPS = 12;

    @FuzzTest(maxDuration = "30s")
    void datagrams(byte[] input) {
        run(input);
    }

    @Test
    void mutatedConversationsRegression() {
        Random random = new Random(7296);
        for (int n = 0; n < 10_000; n++) {
            run(seeded(random));
        }
    }

    @Test
    void genuineConversationWalksThroughEveryExchange() {
        ResponderRun r = new ResponderRun(Conversation.SETTINGS);
        int[] children = {0, 1, 2, 1, 1};
        for (int i = 0; i < children.length; i++) {
            r.step(0, Conversation.GENUINE[i]);
            assertEquals(i == 0 ? IkeSaState.CONNECTING : IkeSaState.ESTABLISHED, r.sas().getFirst().state());
            assertEquals(children[i], r.sas().getFirst().children().size(), "after message " + i);
        }
        r.step(0, Conversation.GENUINE[5]);
        assertTrue(r.sas().isEmpty(), "the IKE SA was deleted");
        r.expire();
    }

    /** Runs one input in the format above on a fresh responder. */
    private static void run(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ResponderRun r = new ResponderRun((input[0] & 1) == 0 ? Conversation.SETTINGS : Conversation.COOKIES);
        int i = 1;
        for (int step = 0; step < MAX_STEPS && i + 1 < input.length; step++) {
            int length = Math.min(input[i + 1] & 0xff, input.length - i - 2);
            r.step(input[i] & 0xff, MutationInputs.message(Conversation.GENUINE, Arrays.copyOfRange(input, i + 2, i + 2 + length)));
            i += 2 + length;
        }
        r.expire();
    }

    /**
     * A seeded input: one in four with cookies; up to six steps, mostly at once and from the peer, each a
     * {@link MutationInputs#seeded} message; when that is genuine, half the time it follows the conversation's
     * order and a quarter of the time it is the IKE_SA_INIT request of another initiator (one bit of the SPI flipped).
     */
    private static byte[] seeded(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(random.nextInt(4) == 0 ? 1 : 0);
        int steps = 1 + random.nextInt(6);
        for (int k = 0; k < steps; k++) {
            byte[] message = MutationInputs.seeded(random, 400, 200);
            if ((message[0] & 0x80) == 0) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> message[0] = (byte) Math.min(k, 5);
                    case 2 -> message = new byte[] {0, 0, (byte) random.nextInt(8), (byte) (1 << random.nextInt(8))};
                    default -> { }
                }
            }
            out.write(random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3));
            out.write(message.length);
            out.writeBytes(message);
        }
        return out.toByteArray();
    }
}
