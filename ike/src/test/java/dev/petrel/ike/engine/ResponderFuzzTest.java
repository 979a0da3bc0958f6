package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.ike.pool.LeaseStatus;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A responder engine fed arbitrary datagrams, and mutations of a genuine initiator's messages
 * ({@link Conversation}), at varying times, with {@link ResponderRun}'s invariants checked after each.
 *
 * <p>Input format: the first octet's low bit picks the settings (1: cookies demanded from the first half-open SA
 * on), its next bit the conversation and the responder configured for it (0: {@link Conversation#PSK}, 1:
 * {@link Conversation#EAP}); then up to {@value #MAX_STEPS} steps, each a {@code when} octet
 * ({@link ResponderRun#step}), a length octet, and that many octets of a {@link MutationInputs} input over the
 * conversation's genuine messages. Without JAZZER_FUZZ=1, {@link #datagrams} replays its seed corpus
 * ({@code ResponderFuzzTestInputs/datagrams}); {@link #mutatedConversationsRegression} runs 10,000 seeded inputs
 * through the same checks in every build.
 */
class ResponderFuzzTest {
    private static final int MAX_STEPS = 12;
    private static final InetAddress LEASE = InetAddress.ofLiteral("10.3.0.1");
    private static final String CAROL = "carol@petrel.test";

    @FuzzTest(maxDuration = "30s")
    void datagrams(byte[] input) {
        run(input);
    }

    @Test
    void mutatedConversationsRegression() {
        Random random = new Random(7296);
        int expiredInIkeAuth = 0;
        for (int n = 0; n < 10_000; n++) {
            expiredInIkeAuth += run(seeded(random));
        }
        assertTrue(expiredInIkeAuth > 0, "no run left an SA in the middle of EAP for the half-open timeout");
    }

    @Test
    void genuineConversationWalksThroughEveryExchange() {
        ResponderRun r = new ResponderRun(Conversation.PSK, Conversation.SETTINGS);
        int[] children = {0, 1, 2, 1, 1};
        for (int i = 0; i < children.length; i++) {
            answersAsRecorded(r, Conversation.PSK, i);
            assertEquals(i == 0 ? IkeSaState.CONNECTING : IkeSaState.ESTABLISHED, r.sas().getFirst().state());
            assertEquals(children[i], r.sas().getFirst().children().size(), "after message " + i);
        }
        answersAsRecorded(r, Conversation.PSK, 5);
        assertTrue(r.sas().isEmpty(), "the IKE SA was deleted");
        r.expire();
    }

    /**
     * IKE_SA_INIT, then five IKE_AUTH requests (RFC 7296 §2.16): the SA stays half-open through EAP, and the last
     * establishes it with its CHILD_SA and the client's lease, which the IKE SA's deletion takes offline.
     */
    @Test
    void genuineEapConversationWalksThroughEveryExchange() {
        Conversation eap = Conversation.EAP;
        assertEquals(6, eap.establishing);
        ResponderRun r = new ResponderRun(eap, Conversation.SETTINGS);
        for (int i = 0; i < eap.establishing; i++) {
            answersAsRecorded(r, eap, i);
            boolean last = i == eap.establishing - 1;
            IkeSaView sa = r.sas().getFirst();
            assertEquals(last ? IkeSaState.ESTABLISHED : IkeSaState.CONNECTING, sa.state(), "after message " + i);
            assertEquals(last ? 1 : 0, sa.children().size(), "after message " + i);
            assertEquals(last ? List.of(LEASE) : List.of(), sa.virtualIps(), "after message " + i);
        }
        assertEquals(CAROL, r.sas().getFirst().remoteEapId());
        assertEquals(List.of(new LeaseStatus(LEASE, CAROL, true)), r.leases());
        answersAsRecorded(r, eap, eap.establishing);
        assertTrue(r.sas().isEmpty(), "the IKE SA was deleted");
        assertEquals(List.of(new LeaseStatus(LEASE, CAROL, false)), r.leases(), "the lease went offline with it");
        assertEquals(0, r.expire());
    }

    /**
     * An SA waiting for the peer's EAP-Identity, MSCHAPv2 Response, Success acknowledgement or (the MSK derived) its
     * AUTH is destroyed by the half-open timeout, and the conversation cannot go on.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void anSaInTheMiddleOfEapExpires(int next) {
        Conversation eap = Conversation.EAP;
        ResponderRun r = new ResponderRun(eap, Conversation.SETTINGS);
        for (int i = 0; i < next; i++) {
            answersAsRecorded(r, eap, i);
        }
        assertEquals(1, r.expire());
        r.step(0, eap.genuine[next]);
        assertTrue(r.sas().isEmpty(), r.sas()::toString);
        assertEquals(List.of(), r.leases());
    }

    /** Delivers genuine message {@code i} of {@code c}, which must be answered with the recorded response. */
    private static void answersAsRecorded(ResponderRun r, Conversation c, int i) {
        List<byte[]> answers = r.step(0, c.genuine[i]);
        assertEquals(1, answers.size(), "answers to message " + i);
        assertArrayEquals(c.responses.get(i), answers.getFirst(), "the response to message " + i + " is not the recorded one");
    }

    /** Runs one input in the format above on a fresh responder; returns {@link ResponderRun#expire}'s count. */
    private static int run(byte[] input) {
        if (input.length == 0) {
            return 0;
        }
        Conversation c = conversation(input[0]);
        ResponderRun r = new ResponderRun(c, (input[0] & 1) == 0 ? Conversation.SETTINGS : Conversation.COOKIES);
        int i = 1;
        for (int step = 0; step < MAX_STEPS && i + 1 < input.length; step++) {
            int length = Math.min(input[i + 1] & 0xff, input.length - i - 2);
            r.step(input[i] & 0xff, MutationInputs.message(c.genuine, Arrays.copyOfRange(input, i + 2, i + 2 + length)));
            i += 2 + length;
        }
        return r.expire();
    }

    private static Conversation conversation(byte first) {
        return (first & 2) == 0 ? Conversation.PSK : Conversation.EAP;
    }

    /**
     * A seeded input: either conversation, one in four with cookies; a random number of the conversation's first
     * messages, unmutated, up to the one that establishes the SA, so that the states in between get fuzzed too; then
     * up to six steps, mostly at once and from the peer, each a {@link MutationInputs#seeded} message; when that is
     * genuine, half the time it follows the conversation's order (up to the IKE SA's deletion) and a quarter of the
     * time it is the IKE_SA_INIT request of another initiator (one bit of the SPI flipped).
     */
    private static byte[] seeded(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte first = (byte) ((random.nextInt(4) == 0 ? 1 : 0) | (random.nextBoolean() ? 2 : 0));
        out.write(first);
        Conversation c = conversation(first);
        int prefix = random.nextInt(c.establishing + 1);
        for (int k = 0; k < prefix; k++) {
            out.writeBytes(new byte[] {0, 1, (byte) k});
        }
        int deletion = c.responses.size() - 1;
        int steps = 1 + random.nextInt(6);
        for (int k = 0; k < steps; k++) {
            byte[] message = MutationInputs.seeded(random, 400, 200);
            if ((message[0] & 0x80) == 0) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> message[0] = (byte) Math.min(prefix + k, deletion);
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
