package dev.petrel.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.Transforms;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * GCM-8's steady-state allocation per packet is GCM-16's plus the two extra initialisations' parameter specs and
 * JCA state: its scratch arrays are reused, never a per-packet copy. GCM-16 is the yardstick because the JCA's own
 * GCM allocates per operation, in amounts that change with the JDK.
 */
class AesGcm8AllocationTest {
    private static final int LENGTH = 1400;
    /** Half a packet: any per-packet copy of it would exceed this. */
    private static final long MARGIN = LENGTH / 2;

    @Test
    void gcm8AllocatesLittleMoreThanGcm16() {
        long gcm16 = perPacket(EncryptionAlgorithm.ENCR_AES_GCM_16);
        long gcm8 = perPacket(EncryptionAlgorithm.ENCR_AES_GCM_8);
        System.out.printf("octets allocated per seal and open of %d octets: GCM-16 %d, GCM-8 %d%n", LENGTH, gcm16, gcm8);
        assertTrue(gcm8 < gcm16 + MARGIN, () -> "GCM-8 allocates " + gcm8 + " octets per packet, GCM-16 " + gcm16);
    }

    private static long perPacket(EncryptionAlgorithm algorithm) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] keyMaterial = new byte[36];
        Aead sealer = Transforms.aead(algorithm, keyMaterial);
        Aead opener = Transforms.aead(algorithm, keyMaterial);
        byte[] iv = new byte[8];
        byte[] aad = new byte[8];
        byte[] buf = new byte[LENGTH + sealer.tagLength()];
        int n = 5000;
        long perPacket = 0;
        long counter = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up and grows the scratch arrays
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                counter++;
                for (int b = 0; b < 8; b++) {
                    iv[b] = (byte) (counter >>> (56 - 8 * b));
                }
                int sealed = sealer.seal(iv, 0, aad, 0, aad.length, buf, 0, LENGTH);
                assertEquals(LENGTH, opener.open(iv, 0, aad, 0, aad.length, buf, 0, sealed));
            }
            perPacket = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        }
        return perPacket;
    }
}
