package dev.petrel.wire.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Jazzer targets on the decoders. The property: any input either decodes or fails with an
 * {@link IkeDecodeException} naming a field, nothing else escapes, and whatever decodes re-encodes to bytes that
 * decode to an equal value. Without JAZZER_FUZZ=1 they replay {@code IkeMessageFuzzTestInputs/<method>/} (the
 * strongSwan datagrams and hand-built chains); {@code bin/fuzz IkeMessage} fuzzes them; {@link #mutationsRegression}
 * runs 20,000 seeded mutations of valid input through the same properties in every build.
 */
class IkeMessageFuzzTest {
    private static final String[] CAPTURES = {"psk-ike-sa-init-request", "psk-ike-sa-init-response", "psk-ike-auth-request",
            "psk-informational-response", "cert-invalid-ke-response", "cert-ike-sa-init-request", "cert-ike-sa-init-response",
            "cert-ike-auth-request-fragment-1", "cert-ike-auth-request-fragment-3"};

    /** Input: a datagram. */
    @FuzzTest(maxDuration = "30s")
    void messageDecodesOrRejects(byte[] input) {
        IkeMessage m;
        try {
            m = IkeMessage.decode(input, 0, input.length);
        } catch (IkeDecodeException e) {
            assertNotNull(e.field());
            return;
        }
        byte[] encoded = m.encode();
        assertEquals(input.length, encoded.length, "only reserved bits may change");
        IkeMessage again = decodeValid(() -> IkeMessage.decode(encoded, 0, encoded.length));
        assertEquals(m, again);
        assertArrayEquals(encoded, again.encode());
    }

    /** Input: the first payload's type, then the chain (the decrypted content of an SK payload). */
    @FuzzTest(maxDuration = "30s")
    void chainDecodesOrRejects(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<Payload> chain;
        try {
            chain = PayloadChain.decode(input[0] & 0xff, input, 1, input.length - 1);
        } catch (IkeDecodeException e) {
            assertNotNull(e.field());
            return;
        }
        byte[] encoded = PayloadChain.encode(chain);
        assertEquals(input.length - 1, encoded.length, "only reserved bits may change");
        assertEquals(chain, decodeValid(() -> PayloadChain.decode(PayloadChain.firstType(chain), encoded, 0, encoded.length)));
    }

    @Test
    void mutationsRegression() {
        Random random = new Random(7296);
        byte[][] messages = new byte[CAPTURES.length + 32][];
        for (int i = 0; i < CAPTURES.length; i++) {
            messages[i] = IkeVectors.resource(CAPTURES[i]);
        }
        for (int i = CAPTURES.length; i < messages.length; i++) {
            messages[i] = new RandomIke(i).message().encode();
        }
        for (int n = 0; n < 10_000; n++) {
            byte[] m = mutate(random, messages[random.nextInt(messages.length)]);
            messageDecodesOrRejects(m);
            List<Payload> valid = new RandomIke(n).chain();
            byte[] chain = mutate(random, PayloadChain.encode(valid));
            byte[] input = new byte[chain.length + 1];
            input[0] = (byte) (random.nextInt(8) > 0 ? PayloadChain.firstType(valid) : random.nextInt(256));
            System.arraycopy(chain, 0, input, 1, chain.length);
            chainDecodesOrRejects(input);
        }
    }

    /** Flips bits, overwrites length-sized fields, truncates or extends. */
    private static byte[] mutate(Random random, byte[] valid) {
        byte[] b = valid.clone();
        for (int k = random.nextInt(4); k >= 0 && b.length > 0; k--) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[pos] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, pos);
                default -> b = Arrays.copyOf(b, b.length + random.nextInt(8));
            }
        }
        return b;
    }

    private interface Decoding<T> {
        T run() throws IkeDecodeException;
    }

    /** Runs a decode that must succeed: a failure is the property's, not the input's. */
    private static <T> T decodeValid(Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (IkeDecodeException e) {
            throw new AssertionError("re-encoded value does not decode: " + e.getMessage(), e);
        }
    }
}
