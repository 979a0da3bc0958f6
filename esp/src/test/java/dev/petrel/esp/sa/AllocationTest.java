package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Steady-state allocation per packet stays bounded. The ESP layer itself allocates nothing per packet; what is
 * measured is the JCA's own (Mac.doFinal returns a fresh array, the GCM decryptor buffers its input, parameter
 * specs per init), so the bounds are per suite. They guard against per-packet growth in our code.
 */
class AllocationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ENCR_NULL, 0, AUTH_HMAC_SHA2_256_128, 512", "ENCR_AES_GCM_16, 256, NONE, 4096",
            "ENCR_AES_CBC, 128, AUTH_HMAC_SHA2_256_128, 4096", "ENCR_CHACHA20_POLY1305, 0, NONE, 8192"})
    void boundedPerPacket(EncryptionAlgorithm encryption, int bits, IntegrityAlgorithm integrity, long bound) {
        SaPair pair = SaPair.of(new Suite(encryption, bits, integrity), Mode.TUNNEL, true, false);
        byte[] inner = Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, 1000);
        long measured = pair.allocatedPerRoundTrip(inner, (buf, off) -> { });
        assertTrue(measured < bound, () -> measured + " bytes allocated per encapsulation and decapsulation");
    }
}
