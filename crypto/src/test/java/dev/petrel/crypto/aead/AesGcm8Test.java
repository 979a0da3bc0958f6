package dev.petrel.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.Transforms;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ENCR_AES_GCM_8 (RFC 4106 §3) against the JDK's own AES-GCM: the 8-octet ICV is the first half of the 16-octet
 * tag (NIST SP 800-38D §5.2.1.2), so sealing must give the first len + 8 octets of a plain 128-bit-tag encryption.
 */
class AesGcm8Test {
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 31, 32, 33, 100, 1400};
    private static final int OFF = 5;
    private static final byte GUARD = (byte) 0xa5;

    private final Random random = new Random(4106);

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 192, 256})
    void sealIsTheJdkGcm16OutputCutAfterEightTagOctets(int keyBits) throws GeneralSecurityException {
        byte[] keyMaterial = bytes(keyBits / 8 + 4);
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        assertEquals(8, aead.tagLength());
        long iv = 1;
        for (int len : LENGTHS) {
            for (int aadLen : new int[] {0, 8, 12, 20}) {
                byte[] ivBytes = iv(iv++);
                byte[] aad = bytes(aadLen);
                byte[] plaintext = bytes(len);
                byte[] expected = jdkGcm16(keyMaterial, ivBytes, aad, plaintext);

                // The caller leaves exactly 8 octets after the plaintext; guards on both sides must survive.
                byte[] buf = new byte[OFF + len + 8 + OFF];
                Arrays.fill(buf, GUARD);
                System.arraycopy(plaintext, 0, buf, OFF, len);
                assertEquals(len + 8, aead.seal(ivBytes, 0, aad, 0, aadLen, buf, OFF, len));
                assertArrayEquals(Arrays.copyOf(expected, len + 8), Arrays.copyOfRange(buf, OFF, OFF + len + 8));
                assertGuards(buf, OFF, OFF + len + 8);

                Aead opener = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
                assertEquals(len, opener.open(ivBytes, 0, aad, 0, aadLen, buf, OFF, len + 8));
                assertArrayEquals(plaintext, Arrays.copyOfRange(buf, OFF, OFF + len));
                assertGuards(buf, OFF, OFF + len + 8);
            }
        }
    }

    @Test
    void everySingleBitChangeOfCiphertextAadOrIcvIsRejectedAndReleasesNothing() {
        byte[] keyMaterial = bytes(20);
        byte[] ivBytes = iv(7);
        byte[] aad = bytes(12);
        byte[] sealed = Arrays.copyOf(bytes(37), 37 + 8);
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        aead.seal(ivBytes, 0, aad, 0, aad.length, sealed, 0, 37);

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] tampered = flip(sealed, bit);
            byte[] buf = tampered.clone();
            assertEquals(-1, aead.open(ivBytes, 0, aad, 0, aad.length, buf, 0, buf.length), "bit " + bit);
            assertArrayEquals(tampered, buf, "a rejected packet stays as it came, bit " + bit);
        }
        for (int bit = 0; bit < aad.length * 8; bit++) {
            byte[] buf = sealed.clone();
            assertEquals(-1, aead.open(ivBytes, 0, flip(aad, bit), 0, aad.length, buf, 0, buf.length), "AAD bit " + bit);
            assertArrayEquals(sealed, buf);
        }
        for (int bit = 0; bit < 64; bit++) {
            byte[] buf = sealed.clone();
            assertEquals(-1, aead.open(flip(ivBytes, bit), 0, aad, 0, aad.length, buf, 0, buf.length), "IV bit " + bit);
            assertArrayEquals(sealed, buf);
        }
        byte[] buf = sealed.clone();
        assertEquals(37, aead.open(ivBytes, 0, aad, 0, aad.length, buf, 0, buf.length), "the untouched packet still opens");
    }

    @Test
    void theSamePacketOpensTwiceInARow() {
        // Without anti-replay a duplicated packet is opened again under the same IV, which the JDK's GCM refuses
        // to encrypt with twice in a row.
        byte[] keyMaterial = bytes(36);
        byte[] ivBytes = iv(42);
        byte[] aad = bytes(8);
        byte[] plaintext = bytes(100);
        Aead sealer = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        byte[] sealed = Arrays.copyOf(plaintext, 108);
        sealer.seal(ivBytes, 0, aad, 0, 8, sealed, 0, 100);

        Aead opener = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        for (int i = 0; i < 3; i++) {
            byte[] buf = sealed.clone();
            assertEquals(100, opener.open(ivBytes, 0, aad, 0, 8, buf, 0, 108), "open #" + i);
            assertArrayEquals(plaintext, Arrays.copyOf(buf, 100));
        }
        // A forgery under the same IV in between, then the genuine packet again.
        assertEquals(-1, opener.open(ivBytes, 0, aad, 0, 8, flip(sealed, 3), 0, 108));
        assertEquals(100, opener.open(ivBytes, 0, aad, 0, 8, sealed.clone(), 0, 108));
        // The sealing Cipher is apart: open then seal then open, all under one IV, on one instance.
        assertEquals(100, sealer.open(ivBytes, 0, aad, 0, 8, sealed.clone(), 0, 108));
        byte[] again = Arrays.copyOf(plaintext, 108);
        assertThrows(RuntimeException.class, () -> sealer.seal(ivBytes, 0, aad, 0, 8, again, 0, 100),
                "sealing twice under one IV stays refused");
        assertEquals(100, sealer.open(ivBytes, 0, aad, 0, 8, sealed.clone(), 0, 108));
    }

    @Test
    void anAllZeroNonceOpensOnAFreshInstance() {
        byte[] keyMaterial = new byte[20];
        byte[] ivBytes = new byte[8];
        byte[] sealed = new byte[24];
        Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial).seal(ivBytes, 0, sealed, 0, 0, sealed, 0, 16);
        assertEquals(16, Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial)
                .open(ivBytes, 0, sealed, 0, 0, sealed, 0, 24));
    }

    @Test
    void packetsShorterThanTheIcvAreDropped() {
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, bytes(20));
        for (int len = 0; len < 8; len++) {
            assertEquals(-1, aead.open(iv(1), 0, new byte[0], 0, 0, new byte[8], 0, len));
        }
    }

    @Test
    void packetsOfChangingSizeOpenAsTheScratchGrows() {
        byte[] keyMaterial = bytes(20);
        Aead sealer = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        Aead opener = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        long iv = 100;
        for (int len : new int[] {10, 3000, 1, 9000, 64, 0, 65_000, 500}) {
            byte[] plaintext = bytes(len);
            byte[] buf = Arrays.copyOf(plaintext, len + 8);
            byte[] ivBytes = iv(iv++);
            sealer.seal(ivBytes, 0, buf, 0, 0, buf, 0, len);
            assertEquals(len, opener.open(ivBytes, 0, buf, 0, 0, buf, 0, len + 8), "length " + len);
            assertArrayEquals(plaintext, Arrays.copyOf(buf, len));
        }
    }

    @Test
    void destroyedInstancesRefuseWorkAndToStringShowsNoKey() {
        byte[] keyMaterial = Hex.decode("000102030405060708090a0b0c0d0e0f cafebabe");
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_AES_GCM_8, keyMaterial);
        assertEquals("AesGcm[key=128 bits, icv=8]", aead.toString());
        aead.destroy();
        assertThrows(IllegalStateException.class, () -> aead.open(iv(1), 0, new byte[0], 0, 0, new byte[16], 0, 16));
        assertThrows(IllegalStateException.class, () -> aead.seal(iv(1), 0, new byte[0], 0, 0, new byte[16], 0, 8));
    }

    private static byte[] jdkGcm16(byte[] keyMaterial, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        int keyLength = keyMaterial.length - 4;
        byte[] nonce = Arrays.copyOfRange(keyMaterial, keyLength, keyMaterial.length + 8);
        System.arraycopy(iv, 0, nonce, 4, 8);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyMaterial, 0, keyLength, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        return gcm.doFinal(plaintext);
    }

    private static void assertGuards(byte[] buf, int from, int to) {
        for (int i = 0; i < buf.length; i++) {
            if (i < from || i >= to) {
                assertEquals(GUARD, buf[i], "octet " + i + " outside the packet was written");
            }
        }
    }

    private static byte[] flip(byte[] b, int bit) {
        byte[] out = b.clone();
        out[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        return out;
    }

    private static byte[] iv(long value) {
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (value >>> (56 - 8 * i));
        }
        return iv;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
