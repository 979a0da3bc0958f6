package dev.petrel.testkit.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * The input format of the mutation fuzz targets, for Jazzer and for seeded regressions alike. If the first octet's
 * high bit is clear, its low three bits pick one of eight genuine messages and the rest are mutations, three octets
 * each: a 16-bit position (modulo the message length plus one) and an XOR mask, where a zero mask truncates the
 * message at the position. Otherwise the rest of the input is the message itself.
 */
public final class MutationInputs {
    /** How many genuine messages an input can pick. */
    public static final int GENUINE = 8;

    private MutationInputs() {}

    /**
     * A seeded input: one in eight a raw message of up to {@code rawLength} random octets, the others a genuine
     * message with up to three single-bit flips (one in sixteen a truncation) below {@code positions}.
     */
    public static byte[] seeded(Random random, int positions, int rawLength) {
        if (random.nextInt(8) == 0) {
            byte[] input = new byte[1 + random.nextInt(rawLength)];
            random.nextBytes(input);
            input[0] |= (byte) 0x80;
            return input;
        }
        int mutations = random.nextInt(4);
        byte[] input = new byte[1 + 3 * mutations];
        input[0] = (byte) random.nextInt(GENUINE);
        for (int m = 0; m < mutations; m++) {
            int pos = random.nextInt(positions);
            input[1 + 3 * m] = (byte) (pos >>> 8);
            input[2 + 3 * m] = (byte) pos;
            input[3 + 3 * m] = (byte) (random.nextInt(16) == 0 ? 0 : 1 << random.nextInt(8));
        }
        return input;
    }

    /** The message {@code input} describes, taking the genuine ones from {@code genuine} (not changed). */
    public static byte[] message(byte[][] genuine, byte[] input) {
        if (input.length == 0) {
            return new byte[0];
        }
        if ((input[0] & 0x80) != 0) {
            return Arrays.copyOfRange(input, 1, input.length);
        }
        byte[] p = genuine[input[0] & (GENUINE - 1)].clone();
        for (int i = 1; i + 2 < input.length; i += 3) {
            int pos = ((input[i] & 0xff) << 8 | (input[i + 1] & 0xff)) % (p.length + 1);
            if (input[i + 2] == 0) {
                p = Arrays.copyOf(p, pos);
            } else if (pos < p.length) {
                p[pos] ^= input[i + 2];
            }
        }
        return p;
    }
}
