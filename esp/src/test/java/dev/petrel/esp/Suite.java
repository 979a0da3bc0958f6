package dev.petrel.esp;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.List;

/** An ESP suite under test: encryption with key length, and integrity (NONE for the AEADs). */
public record Suite(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
    /** Every suite the data plane runs: AES-GCM 8/12/16 × 128/192/256, ChaCha20-Poly1305, AES-CBC and NULL with each HMAC. */
    public static List<Suite> all() {
        List<Suite> suites = new ArrayList<>();
        for (EncryptionAlgorithm gcm : List.of(EncryptionAlgorithm.ENCR_AES_GCM_8, EncryptionAlgorithm.ENCR_AES_GCM_12,
                EncryptionAlgorithm.ENCR_AES_GCM_16)) {
            for (int bits : new int[] {128, 192, 256}) {
                suites.add(new Suite(gcm, bits, IntegrityAlgorithm.NONE));
            }
        }
        suites.add(new Suite(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0, IntegrityAlgorithm.NONE));
        List<IntegrityAlgorithm> hmacs = List.of(IntegrityAlgorithm.AUTH_HMAC_SHA1_96, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128,
                IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256);
        int[] cbcBits = {128, 192, 256, 256};
        for (int i = 0; i < hmacs.size(); i++) {
            suites.add(new Suite(EncryptionAlgorithm.ENCR_AES_CBC, cbcBits[i], hmacs.get(i)));
            suites.add(new Suite(EncryptionAlgorithm.ENCR_NULL, 0, hmacs.get(i)));
        }
        return suites;
    }

    public static Suite gcm16() {
        return new Suite(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, IntegrityAlgorithm.NONE);
    }

    public static Suite cbcSha256() {
        return new Suite(EncryptionAlgorithm.ENCR_AES_CBC, 128, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);
    }

    @Override
    public String toString() {
        return encryption.name().replace("ENCR_", "") + (keyBits == 0 ? "" : "-" + keyBits)
                + (integrity == IntegrityAlgorithm.NONE ? "" : "/" + integrity.name().replace("AUTH_", ""));
    }
}
