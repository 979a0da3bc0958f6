package dev.petrel.ike.protect;

import dev.petrel.crypto.Transforms;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.protect.SkProtectionException.Reason;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Encrypted and Authenticated (SK) payload of one IKE SA, both directions (RFC 7296 §3.14; AEAD per RFC 5282).
 * The body after the SK payload's 4-octet generic header is
 * <pre>
 * IV | encrypted (inner payloads | Padding | Pad Length) | ICV
 * </pre>
 * With AES-CBC the IV is a random block, the plaintext is padded to a whole number of blocks (zero octets), and the
 * ICV of the integrity transform covers the message from the first octet of the IKE header to the Pad Length. With
 * an AEAD the IV is 8 octets, there is no padding beyond the Pad Length octet, and the associated data is the
 * message from the IKE header through the SK payload's generic header (RFC 5282 §5.1); the ICV is the tag.
 *
 * <p>The caller lays out the message: {@code message} starts with the IKE header (no non-ESP marker, RFC 3948
 * §2.2), holds any cleartext payloads and the SK payload's generic header, and the SK payload is its last payload.
 * One instance per IKE SA, built from the keys of our role: the initiator seals with SK_ei/SK_ai and opens with
 * SK_er/SK_ar, the responder the other way round. Keys are copied; the caller still owns (and wipes) its arrays.
 * Not thread-safe: the IKE SA's engine owns it. {@link #destroy()} wipes the keys.
 */
public abstract sealed class SkProtection permits AeadSk, CipherIntegritySk {
    /** The longest plaintext accepted: an IKE message travels in one UDP datagram (or RFC 8229 TCP frame). */
    private static final int MAX_PLAINTEXT = 0xffff;

    private final int ivLength;
    private final int icvLength;
    private final int blockSize;
    private boolean destroyed;

    SkProtection(int ivLength, int icvLength, int blockSize) {
        this.ivLength = ivLength;
        this.icvLength = icvLength;
        this.blockSize = blockSize;
    }

    /**
     * The SK protection of an IKE SA with {@code suite}.
     *
     * @param ourEncryptionKey SK_ei for the initiator, SK_er for the responder (with an AEAD's salt)
     * @param ourIntegrityKey SK_ai or SK_ar; null (or empty) for an AEAD
     * @param peerEncryptionKey SK_er for the initiator, SK_ei for the responder
     * @param peerIntegrityKey SK_ar or SK_ai; null (or empty) for an AEAD
     * @param random the source of CBC IVs and of the AEAD IV counter's start
     * @throws IllegalArgumentException when a key does not have the suite's length (the message gives lengths only)
     */
    public static SkProtection create(IkeSuite suite, byte[] ourEncryptionKey, byte[] ourIntegrityKey,
                                      byte[] peerEncryptionKey, byte[] peerIntegrityKey, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        checkLength("encryption", ourEncryptionKey, suite.encryptionKeyLength());
        checkLength("encryption", peerEncryptionKey, suite.encryptionKeyLength());
        checkLength("integrity", ourIntegrityKey, suite.integrityKeyLength());
        checkLength("integrity", peerIntegrityKey, suite.integrityKeyLength());
        if (suite.encryption().isAead()) {
            return new AeadSk(Transforms.aead(suite.encryption(), ourEncryptionKey),
                    Transforms.aead(suite.encryption(), peerEncryptionKey), random);
        }
        return new CipherIntegritySk(
                Transforms.cipher(suite.encryption(), ourEncryptionKey), Transforms.integrity(suite.integrity(), ourIntegrityKey),
                Transforms.cipher(suite.encryption(), peerEncryptionKey), Transforms.integrity(suite.integrity(), peerIntegrityKey),
                random);
    }

    private static void checkLength(String kind, byte[] key, int expected) {
        int length = key == null ? 0 : key.length;
        if (length != expected) {
            throw new IllegalArgumentException("the suite needs " + expected + "-octet " + kind + " keys, got " + length);
        }
    }

    /** Octets of SK payload body for {@code plaintextLength} octets of inner payloads: IV, padded ciphertext, ICV. */
    public final int sealedLength(int plaintextLength) {
        if (plaintextLength < 0 || plaintextLength > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + plaintextLength + " octets");
        }
        return ivLength + ciphertextLength(plaintextLength) + icvLength;
    }

    /** The inner payloads, the padding and the Pad Length octet, rounded up to the block size. */
    private int ciphertextLength(int plaintextLength) {
        int unpadded = plaintextLength + 1;
        return (unpadded + blockSize - 1) / blockSize * blockSize;
    }

    /**
     * Writes the SK payload body for {@code plaintext} (the inner payload chain) at {@code message[bodyOffset, end)}:
     * IV, ciphertext and ICV. Everything before {@code bodyOffset} must be final, header length fields included,
     * since the ICV or the AEAD covers it.
     *
     * @throws IllegalArgumentException unless exactly {@code sealedLength(plaintext.length)} octets follow
     *     {@code bodyOffset} in {@code message}
     * @throws IllegalStateException after {@link #destroy()}
     */
    public final void seal(byte[] message, int bodyOffset, byte[] plaintext) {
        checkNotDestroyed();
        int bodyLength = sealedLength(plaintext.length);
        if (bodyOffset < 0 || message.length - bodyOffset != bodyLength) {
            throw new IllegalArgumentException("the message must end with the " + bodyLength + "-octet SK body at "
                    + bodyOffset + ", but is " + message.length + " octets long");
        }
        int ciphertextOffset = bodyOffset + ivLength;
        int ciphertextLength = ciphertextLength(plaintext.length);
        int padLengthOffset = ciphertextOffset + ciphertextLength - 1;
        System.arraycopy(plaintext, 0, message, ciphertextOffset, plaintext.length);
        Arrays.fill(message, ciphertextOffset + plaintext.length, padLengthOffset, (byte) 0);
        message[padLengthOffset] = (byte) (padLengthOffset - ciphertextOffset - plaintext.length);
        protect(message, bodyOffset, ciphertextLength);
    }

    /**
     * Authenticates and decrypts the SK payload body {@code message[bodyOffset, bodyOffset+bodyLength)}, verifying
     * the ICV before decrypting (RFC 7296 §3.14), and returns the inner payload chain. The message may be modified
     * (the ciphertext is decrypted in place). Any input that does not open throws {@link SkProtectionException},
     * never another exception. Take {@code bodyOffset} from the message's own SK payload header: with AES-CBC the ICV
     * covers the message up to the ICV wherever the body is said to start.
     *
     * @throws SkProtectionException naming the check that failed
     * @throws IllegalStateException after {@link #destroy()}
     */
    public final byte[] open(byte[] message, int bodyOffset, int bodyLength) throws SkProtectionException {
        checkNotDestroyed();
        if (bodyOffset < 0 || bodyLength < 0 || bodyOffset > message.length - bodyLength) {
            throw new SkProtectionException(Reason.OUTSIDE_MESSAGE, "body of " + bodyLength + " octets at " + bodyOffset
                    + " in a message of " + message.length);
        }
        int ciphertextLength = bodyLength - ivLength - icvLength;
        if (ciphertextLength < 1) {
            throw new SkProtectionException(Reason.TRUNCATED, "body of " + bodyLength + " octets");
        }
        if (ciphertextLength % blockSize != 0) {
            throw new SkProtectionException(Reason.MISALIGNED, ciphertextLength + " octets of ciphertext, block " + blockSize);
        }
        if (!unprotect(message, bodyOffset, ciphertextLength)) {
            throw new SkProtectionException(Reason.AUTHENTICATION_FAILED, "body of " + bodyLength + " octets");
        }
        int ciphertextOffset = bodyOffset + ivLength;
        int padLength = message[ciphertextOffset + ciphertextLength - 1] & 0xff;
        if (padLength >= ciphertextLength) {
            throw new SkProtectionException(Reason.BAD_PAD_LENGTH, "pad length " + padLength + " in " + ciphertextLength
                    + " octets");
        }
        return Arrays.copyOfRange(message, ciphertextOffset, ciphertextOffset + ciphertextLength - 1 - padLength);
    }

    /**
     * Writes the IV at {@code bodyOffset}, encrypts the {@code ciphertextLength} octets after it in place and writes
     * the ICV after them.
     */
    abstract void protect(byte[] message, int bodyOffset, int ciphertextLength);

    /**
     * Verifies the ICV of the body at {@code bodyOffset} and, only if it verifies, decrypts its ciphertext in place.
     *
     * @return false when the ICV does not verify
     */
    abstract boolean unprotect(byte[] message, int bodyOffset, int ciphertextLength);

    /** Wipes the transforms' keys. */
    abstract void wipe();

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("SkProtection was destroyed");
        }
    }

    /** Wipes the keys of both directions; the instance cannot be used afterwards. Idempotent. */
    public final void destroy() {
        if (!destroyed) {
            destroyed = true;
            wipe();
        }
    }
}
