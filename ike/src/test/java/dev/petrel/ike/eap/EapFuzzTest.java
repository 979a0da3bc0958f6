package dev.petrel.ike.eap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.fuzz.MutationInputs;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EapServer#receive} and {@link EapPeer#receive} on mutated and random messages at every stage of a real
 * conversation of each method. The property: they never throw, a malformed or unexpected message ends the side with
 * a Failure that says why, and whatever they send is a well-formed EAP packet of bounded size.
 *
 * <p>Input: octet 0 picks the method and the side that receives ({@link #SCENARIOS}), octet 1 the round; the rest,
 * in the {@link MutationInputs} format, mutates the genuine message that side receives in that round (or replaces it).
 * Without JAZZER_FUZZ=1 {@link #receive} replays its seed corpus; {@link #mutatedMessagesRegression} runs seeded
 * inputs through the same property in every build.
 */
class EapFuzzTest {
    /** The largest EAP message a side sends: an EAP-TLS fragment of 1000 octets with its headers. */
    private static final int MAX_SENT = 5 + 1 + 4 + 1000;
    private static final String[] SCENARIOS = {"MD5 server", "MD5 peer", "MSCHAPv2 server", "MSCHAPv2 peer",
        "TLS server", "TLS peer"};

    @FuzzTest(maxDuration = "30s")
    void receive(byte[] input) {
        check(input);
    }

    @Test
    void mutatedMessagesRegression() {
        Random random = new Random(3748);
        for (int n = 0; n < 1200; n++) {
            byte[] mutation = MutationInputs.seeded(random, 1200, 300);
            byte[] input = new byte[2 + mutation.length];
            input[0] = (byte) random.nextInt(SCENARIOS.length);
            input[1] = (byte) random.nextInt(12);
            System.arraycopy(mutation, 0, input, 2, mutation.length);
            check(input);
        }
    }

    @Test
    void genuineMessagesPassTheProperty() {
        for (int scenario = 0; scenario < SCENARIOS.length; scenario++) {
            for (int round = 0; round < 2; round++) {
                assertEquals(Boolean.TRUE, check(new byte[] {(byte) scenario, (byte) round, 0}),
                        SCENARIOS[scenario] + " round " + round + " goes on or ends well unmutated");
            }
        }
    }

    /**
     * Runs one input; returns whether the receiving side went on or succeeded (true), failed (false), or null when the
     * conversation ended before the round.
     */
    private static Boolean check(byte[] input) {
        if (input.length < 2) {
            return null;
        }
        int scenario = (input[0] & 0xff) % SCENARIOS.length;
        int round = input[1] & 0xff;
        boolean serverReceives = scenario % 2 == 0;
        EapType method = switch (scenario / 2) {
            case 0 -> EapType.MD5_CHALLENGE;
            case 1 -> EapType.MSCHAP_V2;
            default -> EapType.TLS;
        };
        EapServer server = Eap.server(new EapPolicy(method, true, Users.ALICE_AND_BOB, TlsFixtures.ECDSA.serverAuth(),
                TlsFixtures.ECDSA.anchors()), "ike", SeededRandom.of(round));
        EapPeer peer = Eap.peer(new EapCredentials(method, method == EapType.TLS ? TlsFixtures.ALICE : "alice",
                Users.password("wonderland"), TlsFixtures.ECDSA.clientAuth(), TlsFixtures.ECDSA.anchors()), "ike",
                SeededRandom.of(round + 1));
        byte[] mutation = Arrays.copyOfRange(input, 2, input.length);
        EapStep serverStep = server.start();
        for (int r = 0; ; r++) {
            if (!(serverStep instanceof EapStep.Send request)) {
                return null;
            }
            if (!serverReceives && r == round) {
                return valid(peer.receive(mutated(request.message(), mutation), Conversation.NOW));
            }
            if (!(peer.receive(request.message(), Conversation.NOW) instanceof EapStep.Send response)) {
                return null;
            }
            if (serverReceives && r == round) {
                return valid(server.receive(mutated(response.message(), mutation), Conversation.NOW));
            }
            serverStep = server.receive(response.message(), Conversation.NOW);
        }
    }

    private static byte[] mutated(byte[] genuine, byte[] mutation) {
        byte[][] genuines = new byte[MutationInputs.GENUINE][];
        Arrays.fill(genuines, genuine);
        return mutation.length == 0 ? genuine : MutationInputs.message(genuines, mutation);
    }

    private static boolean valid(EapStep step) {
        return switch (step) {
            case EapStep.Send s -> {
                assertTrue(s.message().length <= MAX_SENT, "a message of " + s.message().length + " octets");
                Packets.decode(s.message());
                yield true;
            }
            case EapStep.Success s -> true;
            case EapStep.Failure f -> {
                assertFalse(f.reason() == null || f.reason().isBlank(), "a failure says why");
                yield false;
            }
        };
    }
}
